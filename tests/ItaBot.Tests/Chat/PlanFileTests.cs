using System.Text;
using Microsoft.EntityFrameworkCore;
using ItaBot.Tests.Support.FakeLine;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Sending a plan file to the bot in an administrator chat imports it.</summary>
public sealed class PlanFileTests
{
    const string NewOrganization = "องค์การบริหารส่วนตำบลทดสอบ";

    static byte[] Plan() => Encoding.UTF8.GetBytes(""""
        รหัส,มาตรการ/แนวทาง,ผู้รับผิดชอบ,ระยะเวลาดำเนินการ
        M1,เปิดเผยแผนการจัดซื้อจัดจ้าง,กองคลัง,ต.ค. 67 - ธ.ค. 67
        M2,"จัดทำคู่มือ ""การรับเรื่องร้องเรียน""",สำนักปลัด,ภายในปีงบประมาณ พ.ศ. ๒๕๖๘
        """".ReplaceLineEndings("\r\n"));

    static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SendFileAsync(ChatHarness h, WebhookSource source, string name, byte[] content)
    {
        var file = h.Signer.FileMessage(source, name, content.Length);
        h.Line.AddMessageContent(file.MessageId(), content, "text/csv");
        return await h.SendAsync(file);
    }

    [Fact]
    public async Task APlanFileSentByAnAdministratorIsImportedAndSummarised()
    {
        await using var h = await StartAsync(seed: false, ("Line:Organization", NewOrganization));

        var answer = await SendFileAsync(h, Direct(AdminId), "แผนส่งเสริมคุณธรรม2568.csv", Plan());

        Assert.Contains($"นำเข้าแผน แผนส่งเสริมคุณธรรม2568.csv → {NewOrganization} ปีงบประมาณ ๒๕๖๘", answer.Text());
        Assert.Contains("มาตรการ 2 ข้อ: ใหม่ 2", answer.Text());
        var measures = await h.InDbAsync(db => db.Measures.OrderBy(m => m.Order).Select(m => m.Title).ToListAsync());
        Assert.Equal(["เปิดเผยแผนการจัดซื้อจัดจ้าง", "จัดทำคู่มือ \"การรับเรื่องร้องเรียน\""], measures);
        Assert.Equal(2, await h.InDbAsync(db => db.Rounds.CountAsync(r => r.FiscalYear == 2568)));
        Assert.Equal("import", (await h.InDbAsync(db => db.ChatAudit.SingleAsync())).Action);
    }

    [Fact]
    public async Task AFileThatIsNotAPlanIsExplainedAndNothingChanges()
    {
        await using var h = await StartAsync(seed: false, ("Line:Organization", NewOrganization));

        var pdf = await SendFileAsync(h, Direct(AdminId), "แผน.pdf", [0x25, 0x50, 0x44, 0x46]);
        var empty = await SendFileAsync(h, Direct(AdminId), "แผน2568.csv", Encoding.UTF8.GetBytes("ชื่อ,ที่อยู่\r\nก,ข\r\n"));

        Assert.Contains("PDF", pdf.Text());
        Assert.Contains("นำเข้าไม่สำเร็จ", empty.Text());
        Assert.Empty(await h.InDbAsync(db => db.Measures.ToListAsync()));
    }

    [Fact]
    public async Task OthersSendingFilesImportNothing()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var direct = await SendFileAsync(h, Direct(StrangerId), "แผน2568.csv", Plan());
        var inGroup = await SendFileAsync(h, InFinanceGroup(AdminId), "แผน2568.csv", Plan());

        Assert.Contains("เฉพาะในแชทของผู้ดูแลระบบ", direct.Text());
        Assert.Empty(inGroup);
        Assert.Equal(["M1", "M2", "M3", "M4"], await h.InDbAsync(db => db.Measures.OrderBy(m => m.Code).Select(m => m.Code).ToListAsync()));
        Assert.Equal(4, await h.InDbAsync(db => db.Measures.CountAsync(m => m.Title.StartsWith("มาตรการ "))));
    }
}
