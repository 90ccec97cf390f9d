using System.Text.Json.Nodes;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// Turns one event into the messages to answer with: records the chat and who was seen in it, then hands the
/// event to the handler for its command. Plain service (no LINE types), so the whole conversation can be
/// driven without the webhook; <see cref="LineChatHandler"/> connects it to LINE.
/// </summary>
public sealed class ChatEngine(
    ItaBotDb db, TimeProvider time, Organizations organizations, Authorization auth, Conversations conversations,
    StatusUpdates updates, FollowUps followUps, Queries queries, GroupCommands groups, Registrations registrations,
    AdminCommands admin, Summaries summaries, PlanFiles planFiles, ItaBot.Reminders.ReminderChatCommands reminders)
{
    public async Task<List<JsonObject>> HandleAsync(ChatInput input, CancellationToken ct)
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
        };
        return input.Event switch
        {
            BotJoined => GroupCommands.Greeting(),
            Followed => GroupCommands.Welcome(),
            TextReceived text => await TextAsync(ctx, text.Text, ct),
            PostbackReceived tap => await updates.FromTapAsync(ctx, tap.Data, ct),
            FileReceived file => await planFiles.ImportAsync(ctx, file, ct),
            _ => [],
        };
    }

    async Task<List<JsonObject>> TextAsync(ChatContext ctx, string text, CancellationToken ct)
    {
        // Reminder settings and pauses (พักการแจ้งเตือน ถึง 15 ม.ค.) are the reminders feature's own commands.
        if (await reminders.TryAsync(ctx, text, ct) is { } reminderAnswer) return reminderAnswer;
        var command = ChatText.Parse(text);
        var pending = ctx.UserId is null ? null : await conversations.CurrentAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct);
        return command switch
        {
            StatusUpdateCommand update => await updates.FromTextAsync(ctx, update, pending, ct),
            OtherText other when pending is not null => await AnswerAsync(ctx, pending, other.Text, ct),
            // In a group most messages are people talking to each other; only 1:1 chat gets a hint.
            OtherText => ctx.IsGroup ? [] : Say.One("ขออภัยครับ ไม่เข้าใจข้อความนี้ ลองพิมพ์ เช่น \"M1 เสร็จแล้ว\" หรือ \"ช่วยเหลือ\"", "ช่วยเหลือ", "สถานะ"),
            CancelCommand => await followUps.CancelAsync(ctx, pending, ct),
            SkipCommand => await followUps.SkipAsync(ctx, pending, ct),
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
            RoundSummaryCommand round => await summaries.RoundSummaryAsync(ctx, round, ct),
            SendSummaryCommand send => await summaries.SendToGroupAsync(ctx, send.Group, ct),
            RemindNowCommand => await admin.RemindNowAsync(ctx, ct),
            OpenRoundCommand open => await admin.OpenRoundAsync(ctx, open.Kind, ct),
            CloseRoundCommand => await admin.CloseRoundAsync(ctx, ct),
            ReopenMeasureCommand reopen => await admin.ReopenMeasureAsync(ctx, reopen.Measure, ct),
            _ => [],
        };
    }

    /// <summary>Plain text while a question is open is its answer.</summary>
    async Task<List<JsonObject>> AnswerAsync(ChatContext ctx, Question pending, string text, CancellationToken ct)
    {
        switch (pending.Kind)
        {
            case QuestionKind.FollowUp:
                return await followUps.GatherAsync(ctx, pending, text, ct);
            case QuestionKind.Edit:
                return await followUps.EditAnswerAsync(ctx, pending, text, ct);
            case QuestionKind.WhichMeasure when text.Length <= 20 && text.Any(char.IsDigit):
                // "1" or "M1" answers "which measure?"
                return await updates.FromTextAsync(ctx, new StatusUpdateCommand([text], [], false, null, null, []), pending, ct);
            default:
                return ctx.IsGroup ? [] : Say.One("ยังรอคำตอบอยู่ครับ เลือกจากปุ่มด้านล่าง หรือพิมพ์ \"ยกเลิก\"", "ยกเลิก");
        }
    }

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
