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

    [Fact]
    public async Task AFileBiggerThanItsDeclaredSizeIsRefusedWhileDownloadingAndOtherChatsAreAnswered()
    {
        await using var h = await StartAsync(seed: false, ("Line:Organization", NewOrganization));
        // LINE's event says 12 kB; the content is 50 MB.
        var file = h.Signer.FileMessage(Direct(AdminId), "แผน2568.xlsx", 12_000);
        h.Line.AddMessageContent(file.MessageId(), 50L * 1024 * 1024, "application/octet-stream", pace: TimeSpan.FromMilliseconds(1));

        var sent = h.Client.SendAsync(h.Signer.Sign(file).CreateRequest("/line/webhook"));
        var help = await h.SayAsync(Direct(StrangerId), "ช่วยเหลือ");
        (await sent).EnsureSuccessStatusCode();
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == file.WebhookEventId() && e.State == ItaBot.Line.InboxState.Done), "the file event");
        await h.AnswersSentAsync(AdminId);

        Assert.NotEmpty(help);
        Assert.Contains("ใหญ่เกิน ๒๐ MB", h.Line.MessagesTo(AdminId).Text());
        Assert.Contains("ไม่ได้นำเข้าอะไร", h.Line.MessagesTo(AdminId).Text());
        // Read to the 20 MB limit, then the connection was closed: far from the whole 50 MB.
        Assert.True(h.Line.ContentBytesSent(file.MessageId()) < 30L * 1024 * 1024, $"{h.Line.ContentBytesSent(file.MessageId())} bytes of the download were sent");
        Assert.Empty(await h.InDbAsync(db => db.Measures.ToListAsync()));
    }

    [Fact]
    public async Task HostileFilesSentInChatAreRefusedNamingTheLimitAndNothingIsImported()
    {
        await using var h = await StartAsync(seed: false, ("Line:Organization", NewOrganization));

        var deflate = await SendFileAsync(h, Direct(AdminId), "แผน2568.docx", Import.HostileFiles.DeflateBombDocx(100L * 1024 * 1024));
        var parts = await SendFileAsync(h, Direct(AdminId), "แผน2568.docx", Import.HostileFiles.ManyEntries(5_000));
        var merged = await SendFileAsync(h, Direct(AdminId), "แผน2568.xlsx", Import.HostileFiles.MergedRangeBomb());

        Assert.Contains("ใหญ่เกิน ๒๐ MB เมื่อคลายการบีบอัด", deflate.Text());
        Assert.Contains("นำเข้าไม่สำเร็จ", deflate.Text());
        Assert.Contains("(๑,๐๐๐ ส่วน)", parts.Text());
        // The merged ranges are clipped to the sheet's own rows: its two measures import, nothing else.
        Assert.Contains("มาตรการ 2 ข้อ: ใหม่ 2", merged.Text());
        Assert.Equal(2, await h.InDbAsync(db => db.Measures.CountAsync()));
    }
}
