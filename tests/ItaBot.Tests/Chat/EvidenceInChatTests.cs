using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tests.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Photos, videos and files sent in chat as evidence, and the "รายงานรายละเอียด" button's form link.</summary>
public sealed partial class EvidenceInChatTests
{
    const string PublicAddress = "https://ita.example.go.th";

    readonly CapturingLoggerProvider _logs = new();

    async Task<ChatHarness> StartAsync()
    {
        var h = await ChatHarness.StartAsync(true, false, services => services.AddSingleton<ILoggerProvider>(_logs), ("Reports:PublicBaseUrl", PublicAddress));
        await h.BindGroupsAsync();
        return h;
    }

    static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SendPhotoAsync(ChatHarness h, WebhookSource source, byte[] photo)
    {
        var image = h.Signer.ImageMessage(source);
        h.Line.AddMessageContent(image.MessageId(), photo, "image/jpeg");
        return await h.SendAsync(image);
    }

    static Task<List<ItaBot.Tracking.Evidence.EvidenceFile>> FilesAsync(ChatHarness h) =>
        h.InDbAsync(db => db.EvidenceFiles.AsNoTracking().OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task APhotoSentRightAfterAStatusIsAttachedToThatEntryWithoutItsLocationAndConfirmedInOneLine()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้วค่ะ");

        var answer = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.PhoneJpeg());

        Assert.Single(answer);
        Assert.Equal("📎 แนบรูปเป็นหลักฐานของ M1 แล้วครับ", answer.Text());
        var file = Assert.Single(await FilesAsync(h));
        Assert.Equal((await h.LatestAsync("M1"))!.Id, file.StatusReportId);
        Assert.Equal("image/jpeg", file.ContentType);
        await using var stored = await h.App.Services.CreateAsyncScope().ServiceProvider
            .GetRequiredService<ItaBot.Tracking.Evidence.IEvidenceStore>().OpenReadAsync(file.StorageKey, default);
        using var bytes = new MemoryStream();
        await stored!.CopyToAsync(bytes);
        Assert.DoesNotContain("samsung-location", System.Text.Encoding.ASCII.GetString(bytes.ToArray()));
    }

    [Fact]
    public async Task APhotoPostedBeforeAnyStatusIsNotDownloadedUnlessTheAgencyOptedIn()
    {
        await using var h = await StartAsync();

        var photo = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.PhoneJpeg());
        var status = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้วค่ะ");

        Assert.Empty(photo);
        Assert.DoesNotContain(h.Line.Requests, r => r.Path.Contains("/content", StringComparison.Ordinal));
        Assert.DoesNotContain("📎", status.Text());
        Assert.Empty(await FilesAsync(h));
        Assert.Equal(0, await h.InDbAsync(db => db.EvidenceChunks.CountAsync()));
    }

    [Fact]
    public async Task AnImageSetIsOneBatchConfirmedOnceWhenItsLastPhotoIsIn()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M2 ดำเนินการแล้วเสร็จ จัดอบรมแล้ว");

        var answers = new List<IReadOnlyList<System.Text.Json.Nodes.JsonObject>>();
        foreach (var index in new[] { 2, 1, 3 })
        {
            var image = h.Signer.ImageSetMessage(InFinanceGroup(FinanceHeadId), "set-0001", index, 3);
            h.Line.AddMessageContent(image.MessageId(), index switch { 1 => EvidenceSamples.Jpeg, 2 => EvidenceSamples.Png, _ => EvidenceSamples.PhoneJpeg() }, "image/jpeg");
            answers.Add(await h.SendAsync(image));
        }

        Assert.Empty(answers[0]);
        Assert.Empty(answers[1]);
        Assert.Single(answers[2]);
        Assert.Equal("📎 แนบรูป ๓ รูปเป็นหลักฐานของ M2 แล้วครับ", answers[2].Text());
        var m2 = (await h.LatestAsync("M2"))!.Id;
        var files = await FilesAsync(h);
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Equal(m2, f.StatusReportId));
    }

    [Fact]
    public async Task PhotosAndFilesThatFollowNothingAreNotTouchedAndGetNoAnswerInAGroup()
    {
        await using var h = await StartAsync();
        // Someone else's status does not make this person's photo evidence; nor does an old status of their own.
        await h.SayAsync(InFinanceGroup(AdminId), "M1 เสร็จแล้ว");
        var lunch = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);
        // Longer than a photo would be held for the sender's next status, had the agency opted in (EarlyEvidenceTests).
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M2 กำลังดำเนินการ");
        h.Time.Advance(TimeSpan.FromMinutes(45));
        var later = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);
        var file = h.Signer.FileMessage(InFinanceGroup(FinanceHeadId), "สรุปงบ.pdf", EvidenceSamples.Pdf.Length);
        h.Line.AddMessageContent(file.MessageId(), EvidenceSamples.Pdf, "application/pdf");
        var pdf = await h.SendAsync(file);

        Assert.Empty(lunch);
        Assert.Empty(later);
        Assert.Empty(pdf);
        Assert.Empty(await FilesAsync(h));
        // Nothing was kept of them: not downloaded (holding is opt-in), so the sweep finds no bytes either.
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ItaBot.Chat.EarlyEvidenceSweeper>().Single().SweepAsync(default);
        Assert.Equal(0, await h.InDbAsync(db => db.EvidenceChunks.CountAsync()));
    }

    [Fact]
    public async Task AFileSentInAnswerToTheEvidenceQuestionIsAttachedAndEndsTheQuestion()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        var asked = await h.SayAsync(InFinanceGroup(FinanceHeadId), "ประชุมชี้แจงเจ้าหน้าที่ ๓๐ คน");
        Assert.Contains("ลิงก์หลักฐาน", asked.Text());
        // Longer than the few minutes after a status, still inside the question's time.
        h.Time.Advance(TimeSpan.FromMinutes(15));

        var file = h.Signer.FileMessage(InFinanceGroup(FinanceHeadId), "ประกาศเผยแพร่.pdf", EvidenceSamples.Pdf.Length);
        h.Line.AddMessageContent(file.MessageId(), EvidenceSamples.Pdf, "application/pdf");
        var answer = await h.SendAsync(file);

        Assert.Single(answer);
        Assert.Equal("📎 แนบไฟล์ ประกาศเผยแพร่.pdf เป็นหลักฐานของ M1 แล้วครับ", answer.Text());
        Assert.Equal(("ประกาศเผยแพร่.pdf", "application/pdf"), Assert.Single(await FilesAsync(h)) is var f ? (f.FileName, f.ContentType) : default);
        Assert.Equal(0, await h.InDbAsync(db => db.PendingQuestions.CountAsync()));
        // The question is over: the next words are people talking again.
        Assert.Empty(await h.SayAsync(InFinanceGroup(FinanceHeadId), "เรียบร้อยค่ะพี่"));
    }

    [Fact]
    public async Task QuotingTheMeasuresCardToSayPhotosAreComingAttachesThePhotosThatFollow()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        h.Time.Advance(TimeSpan.FromHours(2));
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ M1");
        var card = h.Line.LastSentMessageId(FinanceGroupId)!;

        var expecting = await h.SendAsync(h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "ส่งรูปหลักฐานเพิ่มเติมค่ะ", quotedMessageId: card));
        var answer = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Png);

        Assert.Contains("ส่งรูปหรือไฟล์หลักฐานของ M1 มาได้เลย", expecting.Text());
        Assert.Equal("📎 แนบรูปเป็นหลักฐานของ M1 แล้วครับ", answer.Text());
        Assert.Equal((await h.LatestAsync("M1"))!.Id, Assert.Single(await FilesAsync(h)).StatusReportId);
    }

    [Fact]
    public async Task TooLargeOrWrongFilesAreRefusedInThaiNamingTheLimitAndNothingIsKept()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        // LINE declares 12 MB: refused before a byte is read.
        var big = h.Signer.FileMessage(InFinanceGroup(FinanceHeadId), "วิดีโออบรม.pdf", 12L * 1024 * 1024);
        h.Line.AddMessageContent(big.MessageId(), 12L * 1024 * 1024, "application/pdf");
        var tooBig = await h.SendAsync(big);
        // A photo has no declared size: the download stops at the limit.
        var huge = h.Signer.ImageMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(huge.MessageId(), 30L * 1024 * 1024, "image/jpeg", pace: TimeSpan.FromMilliseconds(1));
        var tooHuge = await h.SendAsync(huge);
        var zip = h.Signer.FileMessage(InFinanceGroup(FinanceHeadId), "รูปทั้งหมด.zip", 300);
        h.Line.AddMessageContent(zip.MessageId(), [(byte)'P', (byte)'K', 5, 6, .. new byte[296]], "application/zip");
        var wrong = await h.SendAsync(zip);

        Assert.Equal("ไฟล์ \"วิดีโออบรม.pdf\" ใหญ่เกิน ๑๐ MB กรุณาย่อขนาดหรือแบ่งไฟล์ แล้วแนบใหม่", tooBig.Text());
        Assert.Equal(0, h.Line.ContentBytesSent(big.MessageId()));
        Assert.Contains("ใหญ่เกิน ๑๐ MB", tooHuge.Text());
        Assert.True(h.Line.ContentBytesSent(huge.MessageId()) < 12L * 1024 * 1024);
        Assert.Contains("รูปทั้งหมด.zip", wrong.Text());
        Assert.Contains("ไม่ใช่ไฟล์ที่รับได้", wrong.Text());
        Assert.Empty(await FilesAsync(h));
        Assert.Equal(0, await h.InDbAsync(db => db.EvidenceChunks.CountAsync()));
    }

    [Fact]
    public async Task APhotoAfterAReportOnTwoMeasuresIsAskedAboutNotGuessed()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว M2 เสร็จแล้ว");

        var answer = await SendPhotoAsync(h, InFinanceGroup(FinanceHeadId), EvidenceSamples.Jpeg);

        Assert.Contains("มาตรการไหน", answer.Text());
        Assert.Equal(["M1 รายงานรายละเอียด", "M2 รายงานรายละเอียด"], answer.QuickReplies());
        Assert.Empty(await FilesAsync(h));
    }

    [Fact]
    public async Task TheDetailsButtonGivesTheTapperASignedLinkThatOpensTheFormForThatMeasure()
    {
        await using var h = await StartAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M2 รายงานรายละเอียด"));

        var url = LinkPattern().Match(answer.Text());
        Assert.True(url.Success, answer.Text());
        Assert.StartsWith(PublicAddress + "/f/", url.Value);
        var page = await h.Client.GetAsync(new Uri(url.Value).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("รายงานผลมาตรการ M2", html);
        // The link names the tapper: the form saves as them, in the group the button was in.
        var token = new Uri(url.Value).AbsolutePath["/f/".Length..];
        var link = await h.App.Services.GetRequiredService<ItaBot.Tracking.EntryLinks>().ReadAsync(token, default);
        Assert.Equal((FinanceHeadId, FinanceGroupId), (link.Link!.UserId, link.Link.ChatId));
        // Never written to a log.
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InAGroupTheLinkGoesToTheTappersOwnChatWhenTheyHaveOne()
    {
        await using var h = await StartAsync();
        await h.SendAsync(h.Signer.Follow(FinanceHeadId));
        var confirmation = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), confirmation.Button("M1 รายงานรายละเอียด"));

        Assert.Contains("แชทส่วนตัว", answer.Text());
        Assert.DoesNotContain("/f/", answer.Text());
        var pushed = await h.PushesToAsync(FinanceHeadId);
        Assert.Contains(PublicAddress + "/f/", string.Join("\n", pushed.Select(p => p.Messages.Text())));
    }

    [Fact]
    public async Task SomeoneWhoCannotReportOnTheMeasureGetsNoLink()
    {
        await using var h = await StartAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        // A button copied to another chat does nothing; in its own chat, a stranger is not allowed.
        var elsewhere = await h.TapAsync(InWorksGroup(WorksHeadId), card.Button("M1 รายงานรายละเอียด"));
        var stranger = await h.TapAsync(Direct(StrangerId), card.Button("M1 รายงานรายละเอียด"));

        Assert.DoesNotContain("/f/", elsewhere.Text() + stranger.Text());
    }

    internal static async Task<byte[]> StoredAsync(ChatHarness h, ItaBot.Tracking.Evidence.EvidenceFile file)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        await using var stored = await scope.ServiceProvider.GetRequiredService<ItaBot.Tracking.Evidence.IEvidenceStore>().OpenReadAsync(file.StorageKey, default);
        using var bytes = new MemoryStream();
        await stored!.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public async Task AVideoSentRightAfterAStatusIsAttachedWithoutWhereItWasShot()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้วค่ะ");

        var video = h.Signer.VideoMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(video.MessageId(), VideoSamples.Phone(), "video/mp4");
        var answer = await h.SendAsync(video);

        Assert.Equal("📎 แนบวิดีโอเป็นหลักฐานของ M1 แล้วครับ", answer.Text());
        var file = Assert.Single(await FilesAsync(h));
        Assert.Equal((ItaBot.Tracking.Evidence.EvidenceKind.Video, "video/mp4"), (file.Kind, file.ContentType));
        Assert.Equal((await h.LatestAsync("M1"))!.Id, file.StatusReportId);
        var stored = await StoredAsync(h, file);
        Assert.Equal(VideoSamples.Phone().Length, stored.Length);
        Assert.All(VideoSamples.Secrets, secret => Assert.False(VideoSamples.Contains(stored, secret), secret));
    }

    [Fact]
    public async Task AVideoLineIsStillPreparingIsFetchedOnALaterTryOfTheEvent()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M2 กำลังดำเนินการ");
        var video = h.Signer.VideoMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(video.MessageId(), VideoSamples.Phone(), "video/mp4");
        h.Line.SetTranscoding(video.MessageId(), "processing");

        var response = await h.Client.SendAsync(h.Signer.Sign(video).CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();
        var id = video.WebhookEventId();
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.Attempts >= 1), "a first try of the video event");
        Assert.Empty(await FilesAsync(h));
        Assert.Equal(0, h.Line.ContentRequests(video.MessageId()));

        h.Line.SetTranscoding(video.MessageId(), "succeeded");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State == ItaBot.Line.InboxState.Done), "the video event to be handled");
        await h.AnswersSentAsync(FinanceGroupId);

        Assert.Equal((await h.LatestAsync("M2"))!.Id, Assert.Single(await FilesAsync(h)).StatusReportId);
        Assert.Contains("📎 แนบวิดีโอเป็นหลักฐานของ M2 แล้วครับ", h.Line.MessagesTo(FinanceGroupId).Text());
    }

    [Fact]
    public async Task AVideoLineCouldNotPrepareOrThatIsDamagedOrTooLargeIsRefusedInThaiAndNothingIsKept()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var failed = h.Signer.VideoMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(failed.MessageId(), VideoSamples.Phone(), "video/mp4");
        h.Line.SetTranscoding(failed.MessageId(), "failed");
        var failedAnswer = await h.SendAsync(failed);
        var damaged = h.Signer.VideoMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(damaged.MessageId(), VideoSamples.Phone()[..^60], "video/mp4");
        var damagedAnswer = await h.SendAsync(damaged);
        var huge = h.Signer.VideoMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(huge.MessageId(), ItaBot.Tracking.Evidence.EvidenceLimits.MaxVideoBytes + 1, "video/mp4", declareLength: true);
        var hugeAnswer = await h.SendAsync(huge);

        Assert.Equal(ItaBot.Chat.ChatEvidence.VideoFailed, failedAnswer.Text());
        Assert.Contains("ลบข้อมูลตำแหน่งที่ถ่ายออกไม่ได้", damagedAnswer.Text());
        Assert.Contains("ใหญ่เกิน ๑๐๐ MB", hugeAnswer.Text());
        Assert.Empty(await FilesAsync(h));
        Assert.Equal(0, await h.InDbAsync(db => db.EvidenceChunks.CountAsync()));
    }

    [Fact]
    public async Task AnUnsentPhotoLeavesItsEntryAndTheOpenRoundsReportWithItsStoredBytesSilently()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        var kept = h.Signer.ImageMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(kept.MessageId(), EvidenceSamples.Png, "image/png");
        await h.SendAsync(kept);
        var wrong = h.Signer.ImageMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(wrong.MessageId(), EvidenceSamples.PhoneJpeg(), "image/jpeg");
        await h.SendAsync(wrong);
        var chunksOfTwo = await h.InDbAsync(db => db.EvidenceChunks.CountAsync());

        var answer = await h.SendAsync(h.Signer.Unsend(InFinanceGroup(FinanceHeadId), wrong.MessageId()));

        Assert.Empty(answer);
        var left = Assert.Single(await FilesAsync(h));
        Assert.Equal(kept.MessageId(), left.SourceMessageId);
        Assert.True(await h.InDbAsync(db => db.EvidenceChunks.CountAsync()) < chunksOfTwo);
        Assert.Equal(0, await h.InDbAsync(db => db.EvidenceChunks.CountAsync(c => c.BlobKey != left.StorageKey)));
        // The status itself stands: only the photo was taken back.
        Assert.Equal(ItaBot.Tracking.MeasureStatus.Done, (await h.LatestAsync("M1"))!.Status);
        await using var scope = h.App.Services.CreateAsyncScope();
        var compiler = scope.ServiceProvider.GetRequiredService<ItaBot.Reports.RoundReportCompiler>();
        var report = await compiler.CompileAsync(await h.InDbAsync(db => db.Rounds.FirstAsync(r => r.State == ItaBot.Tracking.RoundState.Open)), default);
        Assert.Single(report.Measures.SelectMany(m => m.EvidenceFiles));
    }

    [Fact]
    public async Task APhotoUnsentAfterItsRoundClosedStaysInThatRoundsPublishedReport()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        var photo = h.Signer.ImageMessage(InFinanceGroup(FinanceHeadId));
        h.Line.AddMessageContent(photo.MessageId(), EvidenceSamples.Png, "image/png");
        await h.SendAsync(photo);
        Assert.Contains("ปิดรอบ", (await h.SayAsync(Direct(AdminId), "ปิดรอบ")).Text());

        var answer = await h.SendAsync(h.Signer.Unsend(InFinanceGroup(FinanceHeadId), photo.MessageId()));

        Assert.Empty(answer);
        var file = Assert.Single(await FilesAsync(h));
        Assert.Equal(EvidenceSamples.Png.Length, (await StoredAsync(h, file)).Length);
        Assert.Contains(await h.InDbAsync(db => db.ChatAudit.Select(a => a.Detail).ToListAsync()), d => d != null && d.Contains("closed round", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://\S+/f/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
