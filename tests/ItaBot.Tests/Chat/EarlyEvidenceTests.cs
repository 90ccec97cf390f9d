using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tests.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Photos and files sent first, then "ข้อ 3 เสร็จแล้ว": held for the sender's own status, never for anyone else's.</summary>
public sealed class EarlyEvidenceTests
{
    static async Task<ChatHarness> StartAsync()
    {
        // Opt-in: an agency that wants photos sent before the status held for it.
        var h = await ChatHarness.StartAsync(true, ("Chat:EarlyEvidenceMinutes", "10"));
        await h.BindGroupsAsync();
        return h;
    }

    static async Task<(System.Text.Json.Nodes.JsonObject Message, IReadOnlyList<System.Text.Json.Nodes.JsonObject> Answer)> PhotoAsync(ChatHarness h, WebhookSource source, byte[] photo)
    {
        var image = h.Signer.ImageMessage(source);
        h.Line.AddMessageContent(image.MessageId(), photo, "image/jpeg");
        return (image, await h.SendAsync(image));
    }

    static Task<List<ItaBot.Tracking.Evidence.EvidenceFile>> FilesAsync(ChatHarness h) =>
        h.InDbAsync(db => db.EvidenceFiles.AsNoTracking().Include(f => f.StatusReport).ThenInclude(r => r!.Measure).OrderBy(f => f.Id).ToListAsync());

    static Task<int> HeldAsync(ChatHarness h) => h.InDbAsync(db => db.ChatPendingEvidence.CountAsync());
    static Task<int> ChunksAsync(ChatHarness h) => h.InDbAsync(db => db.EvidenceChunks.CountAsync());

    [Fact]
    public async Task PhotosSentJustBeforeAStatusForOneMeasureAreAttachedToItAndNamedInTheConfirmation()
    {
        await using var h = await StartAsync();
        var (_, first) = await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.PhoneJpeg());
        h.Time.Advance(TimeSpan.FromMinutes(2));
        var (_, second) = await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Png);
        var file = h.Signer.FileMessage(InFinanceGroup(FinanceHeadId), "รายชื่อผู้เข้าอบรม.pdf", EvidenceSamples.Pdf.Length);
        h.Line.AddMessageContent(file.MessageId(), EvidenceSamples.Pdf, "application/pdf");
        var third = await h.SendAsync(file);

        // Held, not published: nothing is attached to anything, and the group hears nothing about photos alone.
        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Empty(third);
        Assert.Empty(await FilesAsync(h));
        Assert.Equal(3, await HeldAsync(h));

        h.Time.Advance(TimeSpan.FromMinutes(3));
        var confirmation = await h.SayAsync(InFinanceGroup(FinanceHeadId), "ข้อ 3 เสร็จแล้วค่ะ");

        Assert.Contains("✅ บันทึกแล้ว: M3", confirmation.Text());
        Assert.Contains("📎 แนบรูป ๒ รูปและไฟล์ ๑ ไฟล์ที่ส่งไว้ก่อนหน้าเป็นหลักฐานของ M3 แล้วครับ", confirmation.Text());
        var files = await FilesAsync(h);
        Assert.Equal(3, files.Count);
        var m3 = (await h.LatestAsync("M3"))!.Id;
        Assert.All(files, f => Assert.Equal(m3, f.StatusReportId));
        Assert.DoesNotContain("samsung-location", System.Text.Encoding.ASCII.GetString(await EvidenceInChatTests.StoredAsync(h, files[0])));
        Assert.Equal(0, await HeldAsync(h));
    }

    [Fact]
    public async Task AStatusCardTapTakesThePhotoSentJustBefore()
    {
        await using var h = await StartAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");
        await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M2 เสร็จแล้ว"));

        Assert.Contains("📎 แนบรูป ๑ รูปที่ส่งไว้ก่อนหน้าเป็นหลักฐานของ M2", answer.Text());
        Assert.Equal("M2", Assert.Single(await FilesAsync(h)).StatusReport!.Measure!.Code);
    }

    [Fact]
    public async Task PhotosBeforeAStatusOnSeveralMeasuresAreAskedAboutWithOneTapEachAndGoWhereTapped()
    {
        await using var h = await StartAsync();
        await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว M2 เสร็จแล้ว");

        Assert.Contains("รูป ๑ รูปที่ส่งไว้ก่อนหน้านี้ เป็นหลักฐานของมาตรการไหนครับ (M1, M2)", answer.Text());
        Assert.Equal(["หลักฐานของ M1", "หลักฐานของ M2", "ไม่ใช่หลักฐาน"], answer.QuickReplies());
        Assert.Empty(await FilesAsync(h));

        // Someone else's tap finds nothing of theirs to attach.
        var other = await h.TapAsync(InFinanceGroup(AdminId), answer.Button("หลักฐานของ M1"));
        Assert.Contains("ไม่มีรูปหรือไฟล์ที่รอแนบ", other.Text());
        Assert.Empty(await FilesAsync(h));

        var tapped = await h.TapAsync(InFinanceGroup(FinanceHeadId), answer.Button("หลักฐานของ M2"));

        Assert.Equal("📎 แนบรูป ๑ รูปที่ส่งไว้ก่อนหน้าเป็นหลักฐานของ M2 แล้วครับ", tapped.Text());
        Assert.Equal("M2", Assert.Single(await FilesAsync(h)).StatusReport!.Measure!.Code);
    }

    [Fact]
    public async Task NotEvidenceDropsTheHeldPhotosAndTheirBytes()
    {
        await using var h = await StartAsync();
        await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);
        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 กำลังทำ M2 กำลังทำ");

        var tapped = await h.TapAsync(InFinanceGroup(FinanceHeadId), answer.Button("ไม่ใช่หลักฐาน"));

        Assert.Contains("ไม่แนบรูป ๑ รูปนั้น", tapped.Text());
        Assert.Empty(await FilesAsync(h));
        Assert.Equal((0, 0), (await HeldAsync(h), await ChunksAsync(h)));
    }

    [Fact]
    public async Task PhotosOfAColleagueOrOlderThanTheWindowAreNeverAttachedAndAreDroppedSilently()
    {
        await using var h = await StartAsync();
        var colleague = LineIds.User("เจ้าหน้าที่กองคลัง");
        await PhotoAsync(h, InFinanceGroup(colleague), EvidenceSamples.Jpeg);
        await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Png);
        h.Time.Advance(TimeSpan.FromMinutes(15));

        var confirmation = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        Assert.DoesNotContain("📎", confirmation.Text());
        Assert.Empty(await FilesAsync(h));
        // The sweeper runs every five minutes of the (fake) clock; once more by hand, in case it has not come round yet.
        await h.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ItaBot.Chat.EarlyEvidenceSweeper>().Single().SweepAsync(default);
        Assert.Equal((0, 0), (await HeldAsync(h), await ChunksAsync(h)));
        // Nobody was told about any of it.
        Assert.DoesNotContain("ได้รับแล้ว", h.Line.MessagesTo(FinanceGroupId).Text());
    }

    [Fact]
    public async Task AHeldPhotoThatIsUnsentIsDiscardedAndTheStatusTakesNothing()
    {
        await using var h = await StartAsync();
        var (photo, _) = await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);

        var unsent = await h.SendAsync(h.Signer.Unsend(InFinanceGroup(FinanceHeadId), photo.MessageId()));
        var confirmation = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        Assert.Empty(unsent);
        Assert.DoesNotContain("📎", confirmation.Text());
        Assert.Empty(await FilesAsync(h));
        Assert.Equal((0, 0), (await HeldAsync(h), await ChunksAsync(h)));
    }

    [Fact]
    public async Task APhotoSentBeforeAndThenUnsentAfterItWasAttachedLeavesTheEntry()
    {
        await using var h = await StartAsync();
        var (photo, _) = await PhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        Assert.Single(await FilesAsync(h));

        await h.SendAsync(h.Signer.Unsend(InFinanceGroup(FinanceHeadId), photo.MessageId()));

        Assert.Empty(await FilesAsync(h));
        Assert.Equal(0, await ChunksAsync(h));
    }
}
