using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>Schema version 2: LINE webhook inbox, push outbox, sending alerts and monthly usage.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261121000002_LineInboxOutbox")]
public sealed class LineInboxOutbox : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("line_inbox", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            WebhookEventId = t.Column<string>(maxLength: 80, nullable: false),
            ChatKey = t.Column<string>(maxLength: 80, nullable: false),
            EventType = t.Column<string>(maxLength: 40, nullable: false),
            EventTimestamp = t.Column<long>(nullable: false),
            RawJson = t.Column<string>(nullable: false),
            IsRedelivery = t.Column<bool>(nullable: false),
            ReceivedAtUtc = t.Column<DateTime>(nullable: false),
            State = t.Column<string>(maxLength: 10, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAtUtc = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 64, nullable: true),
            LeaseUntilUtc = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(nullable: true),
            HandledAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_line_inbox", x => x.Id));
        b.CreateIndex("IX_line_inbox_WebhookEventId", "line_inbox", "WebhookEventId", unique: true);
        b.CreateIndex("IX_line_inbox_State_EventTimestamp", "line_inbox", ["State", "EventTimestamp"]);
        b.CreateIndex("IX_line_inbox_Channel_ChatKey_State_EventTimestamp", "line_inbox", ["Channel", "ChatKey", "State", "EventTimestamp"]);

        b.CreateTable("line_outbox", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 14, nullable: false),
            To = t.Column<string>(nullable: false),
            RecipientCount = t.Column<int>(nullable: false),
            MessagesJson = t.Column<string>(nullable: false),
            MessageCount = t.Column<int>(nullable: false),
            RetryKey = t.Column<Guid>(nullable: false),
            DedupeKey = t.Column<string>(maxLength: 200, nullable: true),
            State = t.Column<string>(maxLength: 10, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAtUtc = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 64, nullable: true),
            LeaseUntilUtc = t.Column<DateTime>(nullable: true),
            LastStatus = t.Column<int>(nullable: true),
            LastError = t.Column<string>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            SentAtUtc = t.Column<DateTime>(nullable: true),
            BilledMessages = t.Column<int>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_line_outbox", x => x.Id));
        b.CreateIndex("IX_line_outbox_DedupeKey", "line_outbox", "DedupeKey", unique: true);
        b.CreateIndex("IX_line_outbox_State_NextAttemptAtUtc", "line_outbox", ["State", "NextAttemptAtUtc"]);
        b.CreateIndex("IX_line_outbox_Channel_State_To", "line_outbox", ["Channel", "State", "To"]);

        b.CreateTable("line_alerts", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 14, nullable: false),
            Status = t.Column<int>(nullable: false),
            Message = t.Column<string>(nullable: false),
            TokenFingerprint = t.Column<string>(maxLength: 16, nullable: true),
            RaisedAtUtc = t.Column<DateTime>(nullable: false),
            ResolvedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_line_alerts", x => x.Id));
        b.CreateIndex("IX_line_alerts_Channel_ResolvedAtUtc", "line_alerts", ["Channel", "ResolvedAtUtc"]);

        b.CreateTable("line_usage", t => new
        {
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            Month = t.Column<string>(maxLength: 7, nullable: false),
            Messages = t.Column<long>(nullable: false),
            Requests = t.Column<long>(nullable: false),
            EstimatedRequests = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_line_usage", x => new { x.Channel, x.Month }));
    }
}
