using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reports;

/// <summary>The app with the scenario loaded, shared by tests that only read reports.</summary>
public sealed class ScenarioApp : IAsyncLifetime
{
    public TestApp App { get; } = new TestApp().With("Reports:CoordinatorName", "นางสาวมาลี ใจดี");
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        await using var scope = App.Services.CreateAsyncScope();
        await ReportScenario.SeedAsync(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class ReportEndpointsTests(ScenarioApp scenario) : IClassFixture<ScenarioApp>
{
    readonly TestApp _app = scenario.App;
    readonly HttpClient _client = scenario.Client;
    const string Page = $"/r/{ReportScenario.Token}/2568/6m";

    [Fact]
    public async Task TheFirstPageOfTheReportPageIsThePageItself()
    {
        var page = await _client.GetStringAsync(Page);
        var first = await _client.GetStringAsync(Page + "?page=1");

        Assert.Equal(page, first);
    }

    [Fact]
    public async Task ThePublicAddressServesTheReportPage()
    {
        var response = await _client.GetAsync(Page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains("ของเทศบาลตำบลเมืองจันทร์", html);
        Assert.Contains("<a href=\"6m.docx\">", html);
        Assert.Contains("( นางสาวมาลี ใจดี )", html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task TheLinksOfThePageDownloadEachFileWithItsContentTypeAndAThaiFileName()
    {
        foreach (var (extension, contentType) in new[]
        {
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("csv", "text/csv"),
            ("json", "application/json"),
        })
        {
            var response = await _client.GetAsync($"{Page}.{extension}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal($"ita-report-2568-6m.{extension}", disposition.FileName!.Trim('"'));
            Assert.Equal($"รายงานผล ITA เทศบาลตำบลเมืองจันทร์ 2568 รอบ 6 เดือน.{extension}", disposition.FileNameStar);
        }
    }

    [Fact]
    public async Task TheDownloadedFilesAreTheReport()
    {
        var docx = await _client.GetByteArrayAsync($"{Page}.docx");
        var json = await _client.GetStringAsync($"{Page}.json");

        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Contains("ของเทศบาลตำบลเมืองจันทร์", doc.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Equal(6, JsonDocument.Parse(json).RootElement.GetProperty("measures").GetArrayLength());
    }

    [Theory]
    [InlineData("/r/ffffffffffffffffffffffffffffffff/2568/6m")]
    [InlineData("/r/ffffffffffffffffffffffffffffffff/2568/6m.docx")]
    [InlineData($"/r/{ReportScenario.Token}/2568/12m")]
    [InlineData($"/r/{ReportScenario.Token}/2567/6m")]
    [InlineData($"/r/{ReportScenario.Token}/2568/6m.exe")]
    [InlineData($"/r/{ReportScenario.Token}/year/6m")]
    [InlineData("/r/short/2568/6m")]
    [InlineData($"/r/{ReportScenario.Token}/2568/6m?page=2")]
    [InlineData($"/r/{ReportScenario.Token}/2568/6m?page=0")]
    [InlineData($"/r/{ReportScenario.Token}/2568/6m?page=-1")]
    [InlineData($"/r/{ReportScenario.Token}/2568/6m?page=abc")]
    public async Task AWrongTokenYearRoundOrFileAnswersNotFoundInThai(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ไม่พบรายงาน", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThaiDigitsInTheYearAndRoundFindTheSameReport()
    {
        var response = await _client.GetAsync($"/r/{ReportScenario.Token}/{Uri.EscapeDataString("๒๕๖๘")}/{Uri.EscapeDataString("๖m")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChatLinksUseTheRequestsAddressOrTheConfiguredPublicBaseUrl()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var compiler = scope.ServiceProvider.GetRequiredService<RoundReportCompiler>();
        var report = (await compiler.CompileAsync((await compiler.FindCurrentRoundAsync(1))!))!;
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new Microsoft.AspNetCore.Http.HostString("bot.example.go.th");

        var fromRequest = scope.ServiceProvider.GetRequiredService<ReportUrls>().For(report, request)!;
        var configured = ReportUrls.Build(new Uri("https://ita.example.go.th/itabot"), report.Organization.PublicToken, 2568, RoundKey.SixMonth);

        Assert.Equal($"https://bot.example.go.th{Page}", fromRequest.Page.AbsoluteUri);
        Assert.Equal($"https://ita.example.go.th/itabot{Page}.docx", configured.Docx.AbsoluteUri);
        Assert.Null(scope.ServiceProvider.GetRequiredService<ReportUrls>().For(report));
    }
}

public sealed class ReportsOptionsTests
{
    [Fact]
    public void APublicBaseUrlThatIsNotAnHttpAddressStopsTheAppAtStart()
    {
        using var app = new TestApp().With("Reports:PublicBaseUrl", "ftp://ita.example.go.th");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Reports:PublicBaseUrl", error.ToString());
    }
}
