using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Schema 20261202000007: status entries remember the LINE message they came from and the entry a follow-up answer
/// adds to, and can be withdrawn (undone, edited, unsent) without leaving the history; replies are outbox rows
/// (reply token and tag); the ids LINE gives sent messages are kept so a quoted reply to the bot is recognised;
/// edited and unsent messages keep their latest version. The event's done mark now commits with its changes, so
/// the chat layer's own dedupe table goes.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000007_ChatUnderstanding")]
public sealed class ChatUnderstanding : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("SourceMessageId", "status_reports", maxLength: 40, nullable: true);
        b.AddColumn<long>("AnswersReportId", "status_reports", nullable: true);
        b.AddColumn<DateTime>("WithdrawnAtUtc", "status_reports", nullable: true);
        b.AddColumn<string>("WithdrawnReason", "status_reports", maxLength: 10, nullable: true);
        b.AddColumn<string>("WithdrawnByUserId", "status_reports", maxLength: 64, nullable: true);
        b.CreateIndex("IX_status_reports_SourceMessageId", "status_reports", "SourceMessageId");
        b.CreateIndex("IX_status_reports_AnswersReportId", "status_reports", "AnswersReportId");

        b.AddColumn<string>("ReplyToken", "line_outbox", maxLength: 200, nullable: true);
        b.AddColumn<DateTime>("ReplyUntilUtc", "line_outbox", nullable: true);
        b.AddColumn<string>("Tag", "line_outbox", maxLength: 200, nullable: true);

        b.CreateTable("line_sent_messages", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            MessageId = t.Column<string>(maxLength: 40, nullable: false),
            Tag = t.Column<string>(maxLength: 200, nullable: true),
            SentAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_line_sent_messages", x => x.Id));
        b.CreateIndex("IX_line_sent_messages_Channel_MessageId", "line_sent_messages", ["Channel", "MessageId"], unique: true);
        b.CreateIndex("IX_line_sent_messages_Channel_ChatId_SentAtUtc", "line_sent_messages", ["Channel", "ChatId", "SentAtUtc"]);
        b.CreateIndex("IX_line_sent_messages_SentAtUtc", "line_sent_messages", "SentAtUtc");

        b.CreateTable("chat_message_versions", t => new
        {
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            MessageId = t.Column<string>(maxLength: 40, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            Timestamp = t.Column<long>(nullable: false),
            Unsent = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_chat_message_versions", x => new { x.Channel, x.MessageId }));

        b.DropTable("chat_handled_events");
    }
}
