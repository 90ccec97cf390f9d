using ItaBot.Chat.Understanding;
using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// Turns one event into the answer: records the chat and who was seen in it, gathers the situation, asks
/// <see cref="Understand"/> what a text means, and carries that intent out. Plain service (no LINE types), so the
/// whole conversation can be driven without the webhook; <see cref="LineChatHandler"/> connects it to LINE, and the
/// inbox worker's transaction holds everything it writes.
/// </summary>
public sealed class ChatEngine(
    ItaBotDb db, TimeProvider time, Organizations organizations, Authorization auth, Conversations conversations, Situations situations,
    StatusUpdates updates, FollowUps followUps, Corrections corrections, Postbacks postbacks, Queries queries, GroupCommands groups,
    Registrations registrations, AdminCommands admin, Summaries summaries, PlanFiles planFiles, DetailLinks details, ChatEvidence evidence, IEnumerable<IChatReminders> reminders)
{
    public async Task<ChatReply> HandleAsync(ChatInput input, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var organization = await organizations.ForChannelAsync(input.Channel, ct);
        var chat = await ChatAsync(input, organization?.Id, now, ct);
        await LearnAsync(chat, input, now, ct);
        await db.SaveChangesAsync(ct);

        var ctx = new ChatContext
        {
            Input = input,
            Chat = chat,
            Organization = organization,
            UserName = input.UserName ?? await KnownNameAsync(input.UserId, ct),
            IsAdmin = await auth.IsAdminAsync(chat, input.UserId, ct),
            NowUtc = now,
            MessageId = input.Event switch { TextReceived t => t.MessageId, MessageEdited e => e.MessageId, MessageUnsent u => u.MessageId, _ => null },
            MessageTimestamp = input.Event switch { TextReceived t => t.Timestamp, MessageEdited e => e.Timestamp, _ => 0 },
        };
        return input.Event switch
        {
            BotJoined => GroupCommands.Greeting(),
            Followed => GroupCommands.Welcome(),
            TextReceived text => await TextAsync(ctx, text, ct),
            MessageEdited edited => await EditedAsync(ctx, edited, ct),
            MessageUnsent => await UnsentAsync(ctx, ct),
            PostbackReceived tap => await TapAsync(ctx, tap.Data, ct),
            MediaReceived media => await evidence.AttachAsync(ctx, media, ct)
                ?? (media.PlanFile is { } file ? await planFiles.ImportAsync(ctx, file, ct) : MediaHint(ctx)),
            FileReceived file => await planFiles.ImportAsync(ctx, file, ct),
            _ => ChatReply.None,
        };
    }

    async Task<ChatReply> TextAsync(ChatContext ctx, TextReceived text, CancellationToken ct)
    {
        // An edit or unsend of this message was handled first (LINE's order is not guaranteed): the original changes nothing.
        if (await MessageVersions.IsStaleAsync(db, ctx, text.Timestamp, ct)) return ChatReply.None;
        // Reminder settings and pauses (พักการแจ้งเตือน ถึง 15 ม.ค.) are the reminders feature's, offered through its port.
        if (ctx.Organization is { } org && reminders.FirstOrDefault() is { } port)
        {
            var asker = new ChatAsker(org.Id, ctx.IsAdmin, await ChatUnitIdsAsync(ctx, ct), ctx.UserName);
            if (await port.TryCommandAsync(asker, text.Text, ct) is { } answer) return Say.One(answer.Text, answer.Choices);
        }
        var round = ctx.Organization is null ? null : await Rounds.CurrentAsync(db, ctx.Organization.Id, ct);
        var situation = await situations.ForAsync(ctx, text, round, withQuestion: true, ct);
        return await CarryOutAsync(ctx, round, situation, Understand.Message(text.Text, situation), ct);
    }

    async Task<ChatReply> CarryOutAsync(ChatContext ctx, Round? round, ChatSituation situation, Intent intent, CancellationToken ct)
    {
        switch (intent)
        {
            case Silence:
                return ChatReply.None;
            case Hint:
                return Queries.Hint(ctx);
            case RunCommand run:
                return await CommandAsync(ctx, run.Command, ct);
            case NotAnAnswer:
                return situation.Question is { } open ? await followUps.ReAskAsync(ctx, open, ct) : ChatReply.None;
            case Undo:
                return await corrections.UndoLastAsync(ctx, ct);
            case CancelQuestion:
                return await followUps.CancelAsync(ctx, situation.Question, ct);
            case SkipQuestion:
                return await followUps.SkipAsync(ctx, situation.Question, ct);
            case AnswerQuestion answer when situation.Question is { } asked:
                return await followUps.AnswerAsync(ctx, asked, answer, ct);
            case ShowMeasure show:
                return await queries.MeasureAsync(ctx, show.MeasureId, ct);
        }
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (round is null) return Replies.NoOpenRound();
        return intent switch
        {
            RecordStatuses record => await updates.RecordAsync(ctx, round, record, ct),
            ConfirmStatus confirm => await updates.ConfirmAsync(ctx, round, confirm, ct),
            AskWhichMeasure ask => await updates.AskMeasureAsync(ctx, round, ask, ct),
            AskWhichStatus ask => await updates.AskStatusAsync(ctx, round, ask, ct),
            NotReportable not => await updates.NotReportableAsync(ctx, round, not, ct),
            ExpectEvidence expect => await evidence.ExpectAsync(ctx, round, expect.MeasureId, ct),
            _ => ChatReply.None,
        };
    }

    async Task<ChatReply> CommandAsync(ChatContext ctx, ChatCommand command, CancellationToken ct) => command switch
    {
        EditCommand => await followUps.EditAsync(ctx, ct),
        ShowStatusCommand show => await queries.StatusAsync(ctx, show.Target, ct),
        MineCommand => await queries.MineAsync(ctx, ct),
        HelpCommand => Queries.Help(ctx),
        BindGroupCommand bind => await groups.BindAsync(ctx, bind.UnitNames, ct),
        UnbindGroupCommand => await groups.UnbindAsync(ctx, ct),
        BindAdminGroupCommand => await groups.BindAdminAsync(ctx, ct),
        NameGroupCommand name => await groups.NameAsync(ctx, name.Name, ct),
        RegisterCommand register => await registrations.RegisterAsync(ctx, register, ct),
        ApproveCommand decide => await registrations.DecideAsync(ctx, decide, ct),
        SummaryCommand => await summaries.SummaryAsync(ctx, ct),
        OwingCommand => await summaries.OwingAsync(ctx, ct),
        RoundSummaryCommand round => await summaries.RoundSummaryAsync(ctx, round, ct),
        SendSummaryCommand send => await summaries.SendToGroupAsync(ctx, send.Group, ct),
        RemindNowCommand remind => await admin.RemindNowAsync(ctx, remind.Units, reminders.FirstOrDefault(), ct),
        OpenRoundCommand open => await admin.OpenRoundAsync(ctx, open.Kind, ct),
        CloseRoundCommand close => await admin.CloseRoundAsync(ctx, close.Kind, ct),
        ReopenMeasureCommand reopen => await admin.ReopenMeasureAsync(ctx, reopen.Measure, ct),
        _ => ChatReply.None,
    };

    /// <summary>
    /// An edited message is read again: what the old text recorded is withdrawn, what the new text states is
    /// recorded (linked to the same message). An edit never answers the bot's question. Told by push: an edit has no reply token.
    /// </summary>
    async Task<ChatReply> EditedAsync(ChatContext ctx, MessageEdited edited, CancellationToken ct)
    {
        if (!await MessageVersions.NewerAsync(db, ctx, edited.Timestamp, ct)) return ChatReply.None;
        var touched = await corrections.WithdrawMessageAsync(ctx, edited.MessageId, WithdrawalReason.Edited, ct);
        await db.SaveChangesAsync(ct);
        var round = ctx.Organization is null ? null : await Rounds.CurrentAsync(db, ctx.Organization.Id, ct);
        var situation = await situations.ForAsync(ctx, new TextReceived(edited.Text, edited.MessageId, edited.Timestamp), round, withQuestion: false, ct);
        var intent = Understand.Message(edited.Text, situation);
        var reply = intent is RecordStatuses or ConfirmStatus or AskWhichMeasure or AskWhichStatus
            ? await CarryOutAsync(ctx, round, situation, intent, ct)
            : ChatReply.None;
        if (touched.Count == 0) return reply;
        var changed = touched.Where(t => intent is not RecordStatuses r || r.Items.All(i => i.MeasureId != t.MeasureId)).ToList();
        if (changed.Count == 0) return reply with { Messages = [Say.Text("✏️ ข้อความถูกแก้ จึงอ่านใหม่แทนรายงานเดิมครับ"), .. reply.Messages] };
        var lines = await corrections.StandingLinesAsync(changed, ct);
        return reply with { Messages = [Say.Text("✏️ ข้อความถูกแก้ จึงถอนรายงานเดิมแล้วครับ\n" + string.Join("\n", lines)), .. reply.Messages] };
    }

    /// <summary>An unsent message withdraws what it recorded (it stays in the history); an unsent photo or file its evidence.</summary>
    async Task<ChatReply> UnsentAsync(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.MessageId is null) return ChatReply.None;
        await MessageVersions.MarkUnsentAsync(db, ctx, ct);
        // A photo or file is never also a status message: once its evidence is handled, there is nothing to withdraw.
        if (await evidence.UnsentAsync(ctx, ctx.MessageId, ct)) return ChatReply.None;
        var touched = await corrections.WithdrawMessageAsync(ctx, ctx.MessageId, WithdrawalReason.Unsent, ct);
        if (touched.Count == 0) return ChatReply.None;
        await db.SaveChangesAsync(ct);
        if (ctx.UserId is not null) await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct);
        var lines = await corrections.StandingLinesAsync(touched, ct);
        return Say.One("↩️ ข้อความถูกยกเลิกการส่ง จึงถอนรายงานที่มาจากข้อความนั้นแล้วครับ\n" + string.Join("\n", lines));
    }

    /// <summary>A photo or video with no measure before it: in a group it is people's business; one to one, say how evidence is sent.</summary>
    static ChatReply MediaHint(ChatContext ctx) => ctx.IsGroup
        ? ChatReply.None
        : Say.One("ได้รับแล้วครับ หากเป็นหลักฐาน ให้รายงานสถานะก่อน เช่น \"M1 เสร็จแล้ว\" แล้วส่งรูปหรือไฟล์ตามมาภายในไม่กี่นาที หรือกดปุ่ม \"รายงานรายละเอียด\" บนการ์ดของมาตรการ", "สถานะ");

    async Task<ChatReply> TapAsync(ChatContext ctx, string data, CancellationToken ct)
    {
        if (StatusUpdates.Precheck(ctx) is { } stop) return stop;
        var check = await postbacks.ReadAsync(ctx.Channel, ctx.ChatId, data, ct);
        if (check.Undo is { } undo) return await corrections.UndoTapAsync(ctx, undo, ct);
        if (check.Details is { } form) return await details.LinkAsync(ctx, form, ct);
        if (check.EarlyEvidence is { } choice) return await evidence.ChooseAsync(ctx, choice, ct);
        if (check.Tap is { } tap) return await updates.FromTapAsync(ctx, tap, ct);
        return Say.One(StatusUpdates.ProblemText(check.Problem), "สถานะ");
    }

    async Task<List<int>> ChatUnitIdsAsync(ChatContext ctx, CancellationToken ct) =>
        ctx.Chat.Id == 0 || ctx.Chat.LeftAtUtc is not null
            ? []
            : await auth.ChatUnitIdsAsync(ctx.Chat.Id, ct);

    async Task<LineChat> ChatAsync(ChatInput input, int? organizationId, DateTime now, CancellationToken ct)
    {
        var chat = await db.LineChats.FirstOrDefaultAsync(c => c.Channel == input.Channel && c.ChatId == input.ChatId, ct);
        if (chat is null)
        {
            chat = new LineChat { Channel = input.Channel, ChatId = input.ChatId, Kind = input.Kind, JoinedAtUtc = now };
            db.LineChats.Add(chat);
        }
        chat.OrganizationId = organizationId ?? chat.OrganizationId;
        switch (input.Event)
        {
            case BotJoined or Followed:
                chat.JoinedAtUtc = now;
                chat.LeftAtUtc = null;
                break;
            case BotLeft or Unfollowed:
                chat.LeftAtUtc = now;
                break;
            default:
                // A message means the bot is there, whatever was missed while it was away.
                chat.LeftAtUtc = null;
                break;
        }
        return chat;
    }

    /// <summary>Members are learned from events: whoever writes, joins or leaves.</summary>
    async Task LearnAsync(LineChat chat, ChatInput input, DateTime now, CancellationToken ct)
    {
        var seen = input.Event switch
        {
            MembersJoined joined => joined.UserIds,
            MembersLeft left => left.UserIds,
            _ => input.UserId is null ? [] : [input.UserId],
        };
        foreach (var userId in seen.Distinct())
        {
            var member = chat.Id == 0 ? null : await db.ChatMembers.FirstOrDefaultAsync(m => m.LineChatId == chat.Id && m.UserId == userId, ct);
            if (member is null)
            {
                member = new ChatMember { Chat = chat, UserId = userId, FirstSeenAtUtc = now };
                db.ChatMembers.Add(member);
            }
            member.LastSeenAtUtc = now;
            member.LeftAtUtc = input.Event is MembersLeft || (input.Event is Unfollowed) ? now : null;
            if (userId == input.UserId && input.UserName is { Length: > 0 } name) member.DisplayName = name;
        }
    }

    async Task<string?> KnownNameAsync(string? userId, CancellationToken ct) =>
        userId is null ? null : await db.ChatMembers.Where(m => m.UserId == userId && m.DisplayName != null)
            .OrderByDescending(m => m.LastSeenAtUtc).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
}
