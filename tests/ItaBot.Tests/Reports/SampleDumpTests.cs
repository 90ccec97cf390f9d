using ItaBot.Reports;
using ItaBot.Tracking;

namespace ItaBot.Tests.Reports;

[Trait("Category", "LibreOffice")]
public sealed class SampleDumpTests
{
    [Fact]
    public async Task DumpSamples()
    {
        var dir = Environment.GetEnvironmentVariable("ITABOT_SAMPLES_OUT");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        var docs = new ReportDocuments(Microsoft.Extensions.Options.Options.Create(new ReportsOptions()));
        foreach (var (name, report) in new[]
        {
            ("demo-6m", await PublishedSamples.DemoAsync(RoundKind.SixMonth)),
            ("demo-12m", await PublishedSamples.DemoAsync(RoundKind.TwelveMonth)),
            ("demo-6m-closed", await PublishedSamples.DemoAsync(RoundKind.SixMonth, closed: true)),
            ("forty-6m", await PublishedSamples.FortyMeasuresAsync()),
        })
        {
            await File.WriteAllBytesAsync(Path.Combine(dir, $"{name}-memo.docx"), docs.RenderMemo(report, new DateOnly(2025, 4, 20)));
            foreach (var format in ReportFormats.Rendered)
            {
                await using var f = File.Create(Path.Combine(dir, $"{name}.{format.Extension()}"));
                docs.Write(report, format, f, ReportDocuments.SiblingLinks(name));
            }
        }
    }
}
