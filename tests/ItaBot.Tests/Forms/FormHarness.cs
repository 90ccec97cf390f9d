using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Forms;

/// <summary>
/// The app with one agency: กองคลัง's group (bound, with its head สมชาย seen in it), measure M1 of FY 2568 and the
/// open 6-month round; the clock at 3 Mar 2025 09:00 Bangkok.
/// </summary>
sealed partial class FormHarness : IAsyncDisposable
{
    public const string Channel = "default", GroupId = "Cfinancegroup0000000000000000001", HeadId = "Uhead00000000000000000000000001", StrangerId = "Ustranger0000000000000000000001";

    public TestApp App { get; }
    public HttpClient Client { get; }
    public int MeasureId { get; private set; }
    public int RoundId { get; private set; }
    public int OrganizationId { get; private set; }
    public string PublicToken { get; private set; } = "";

    /// <summary>The app's address on a real loopback port, when started <c>live</c> for a browser.</summary>
    public Uri? Address { get; }

    FormHarness(TestApp app, bool live)
    {
        App = app;
        if (live) Address = Support.Browser.LiveApp.Serve(app);
        // Over https, as the form is reached in LINE: the anti-forgery cookie is Secure off loopback.
        Client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https });
    }

    public static async Task<FormHarness> StartAsync(Action<TestApp>? configure = null, bool live = false)
    {
        var app = new TestApp();
        configure?.Invoke(app);
        var h = new FormHarness(app, live);
        await h.SeedAsync();
        return h;
    }

    async Task SeedAsync()
    {
        await using var db = App.Database.NewContext();
        var org = new Organization { Name = "เทศบาลตำบลเมืองจันทร์", CreatedAtUtc = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Organizations.Add(org);
        var unit = new Unit { Name = "กองคลัง", Organization = org };
        db.Units.Add(unit);
        var measure = new Measure { Organization = org, FiscalYear = 2568, Code = "M1", Order = 1, Title = "เปิดเผยแผนการจัดซื้อจัดจ้าง", CreatedAtUtc = org.CreatedAtUtc, UpdatedAtUtc = org.CreatedAtUtc };
        measure.Responsible.Add(new MeasureUnit { Unit = unit, Order = 0 });
        db.Measures.Add(measure);
        var chat = new LineChat { Channel = Channel, ChatId = GroupId, Kind = ChatKind.Group, Organization = org, JoinedAtUtc = org.CreatedAtUtc };
        db.LineChats.Add(chat);
        db.ChatUnits.Add(new ChatUnit { Chat = chat, Unit = unit, BoundAtUtc = org.CreatedAtUtc });
        db.ChatMembers.Add(new ChatMember { Chat = chat, UserId = HeadId, DisplayName = "สมชาย", FirstSeenAtUtc = org.CreatedAtUtc, LastSeenAtUtc = org.CreatedAtUtc });
        await db.SaveChangesAsync();
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, App.Time, CancellationToken.None, keepOpen: true);
        MeasureId = measure.Id;
        RoundId = rounds.Single(r => r.Kind == RoundKind.SixMonth).Id;
        OrganizationId = org.Id;
        PublicToken = org.PublicToken;
    }

    public static readonly Uri Https = new("https://localhost");

    public async Task<string> LinkAsync(string userId = HeadId, string chatId = GroupId) =>
        await App.Services.GetRequiredService<EntryLinks>().IssueAsync(userId, Channel, chatId, MeasureId, RoundId, CancellationToken.None);

    /// <summary>The form page and the two hidden values a real browser would send back.</summary>
    public async Task<(string Html, string Antiforgery, string Submission)> OpenAsync(string token)
    {
        var response = await Client.GetAsync($"/f/{token}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /f/… answered {(int)response.StatusCode}: {html}");
        return (html, Hidden(html, "__csrf"), Hidden(html, "submission"));
    }

    public static string Hidden(string html, string name) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(
        string token, IReadOnlyDictionary<string, string> fields, IEnumerable<(string Name, byte[] Bytes)>? files = null,
        string? antiforgery = null, string? submission = null, bool open = true, Action<HttpRequestMessage>? adjust = null)
    {
        if (open && (antiforgery is null || submission is null))
        {
            var page = await OpenAsync(token);
            antiforgery ??= page.Antiforgery;
            submission ??= page.Submission;
        }
        using var content = new MultipartFormDataContent();
        if (antiforgery is not null) content.Add(new StringContent(antiforgery), "__csrf");
        if (submission is not null) content.Add(new StringContent(submission), "submission");
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "files", name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/f/{token}") { Content = content };
        adjust?.Invoke(request);
        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Rows that a submission writes: entries, files, stored chunks, outgoing messages.</summary>
    public async Task<(int Entries, int Files, int Chunks, int Pushes)> CountsAsync()
    {
        await using var db = App.Database.NewContext();
        return (await db.StatusReports.CountAsync(), await db.EvidenceFiles.CountAsync(), await db.EvidenceChunks.CountAsync(), await db.LineOutbox.CountAsync());
    }

    public ItaBotDb Db() => App.Database.NewContext();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
