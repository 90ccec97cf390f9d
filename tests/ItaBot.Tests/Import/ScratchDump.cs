using System.Text;
using ItaBot.Import;
using Xunit.Abstractions;

namespace ItaBot.Tests.Import;

public class ScratchDump(ITestOutputHelper output)
{
    [Theory]
    [InlineData("plan-muangchan-2568.txt")]
    [InlineData("report-annual-soppong-2568.txt")]
    [InlineData("report-6month-ngob-2566.txt")]
    public void Dump(string name)
    {
        var text = DomainFiles.Read(name);
        var periodColumn = -1;
        var lines = text.Split('\n').Select(l => {
            var c = l.Split('\t');
            if (c.Length < 5) return l;
            var idx = Array.FindIndex(c, x => x.Contains("ระยะเวลา") && x.Length < 40);
            if (idx >= 0) { periodColumn = idx; return l; }
            if (periodColumn >= 0 && periodColumn < c.Length) c[periodColumn] = "";
            return string.Join("\t", c);
        });
        var docx = DocxBuilder.FromExtractedText(string.Join("\n", lines));
        var draft = PlanReader.Read(new PlanFile(name + ".docx", docx), 2568);
        var result = new ImportResult(name, "x", 2568, true,
            draft.Measures.Select(m => new ImportedMeasure(m.Code, m.Issue, m.OitItem, m.Title, m.Steps,
                m.Responsible.Select(r => $"{r.Name} [{r.Kind}] <{string.Join("|", r.Details)}>").ToList(), m.Period, m.PeriodText, m.FollowUp, MeasureChange.Created)).ToList(),
            ImportCounts.None, draft.Warnings, draft.Problems);
        var ms = new MemoryStream();
        PlanJson.Write(result, ms);
        File.WriteAllText($"/tmp/scratch/{name}.json", Encoding.UTF8.GetString(ms.ToArray()));
        output.WriteLine("ok");
    }
}
