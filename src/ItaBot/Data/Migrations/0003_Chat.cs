using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Schema version 3: chats the bot is in, their units and members, unit heads and delegates,
/// pending questions, measure reopenings, the app's own secrets, the chat audit trail and handled events.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261121000003_Chat")]
public sealed class ChatTables : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("line_chats", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 10, nullable: false),
            OrganizationId = t.Column<int>(nullable: true),
            IsAdminChat = t.Column<bool>(nullable: false),
            JoinedAtUtc = t.Column<DateTime>(nullable: false),
            LeftAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_line_chats", x => x.Id);
            t.ForeignKey("FK_line_chats_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.SetNull);
        });
        b.CreateIndex("IX_line_chats_Channel_ChatId", "line_chats", ["Channel", "ChatId"], unique: true);
        b.CreateIndex("IX_line_chats_OrganizationId", "line_chats", "OrganizationId");

        b.CreateTable("chat_units", t => new
        {
            LineChatId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            BoundByUserId = t.Column<string>(maxLength: 64, nullable: true),
            BoundByName = t.Column<string>(maxLength: 200, nullable: true),
            BoundAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_chat_units", x => new { x.LineChatId, x.UnitId });
            t.ForeignKey("FK_chat_units_line_chats_LineChatId", x => x.LineChatId, "line_chats", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_chat_units_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_chat_units_UnitId", "chat_units", "UnitId");

        b.CreateTable("chat_members", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            LineChatId = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: true),
            FirstSeenAtUtc = t.Column<DateTime>(nullable: false),
            LastSeenAtUtc = t.Column<DateTime>(nullable: false),
            LeftAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_chat_members", x => x.Id);
            t.ForeignKey("FK_chat_members_line_chats_LineChatId", x => x.LineChatId, "line_chats", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_chat_members_LineChatId_UserId", "chat_members", ["LineChatId", "UserId"], unique: true);
        b.CreateIndex("IX_chat_members_UserId", "chat_members", "UserId");

        b.CreateTable("unit_people", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            UnitId = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: true),
            Role = t.Column<string>(maxLength: 10, nullable: false),
            State = t.Column<string>(maxLength: 10, nullable: false),
            RequestedAtUtc = t.Column<DateTime>(nullable: false),
            RequestedInChatId = t.Column<string>(maxLength: 64, nullable: true),
            DecidedByUserId = t.Column<string>(maxLength: 64, nullable: true),
            DecidedByName = t.Column<string>(maxLength: 200, nullable: true),
            DecidedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_unit_people", x => x.Id);
            t.ForeignKey("FK_unit_people_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_unit_people_UnitId_UserId", "unit_people", ["UnitId", "UserId"], unique: true);
        b.CreateIndex("IX_unit_people_UserId", "unit_people", "UserId");

        b.CreateTable("measure_reopenings", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            StatusReportId = t.Column<long>(nullable: false),
            MeasureId = t.Column<int>(nullable: false),
            RoundId = t.Column<int>(nullable: false),
            ByUserId = t.Column<string>(maxLength: 64, nullable: true),
            ByName = t.Column<string>(maxLength: 200, nullable: true),
            ChatId = t.Column<string>(maxLength: 64, nullable: true),
            AtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_measure_reopenings", x => x.Id);
            t.ForeignKey("FK_measure_reopenings_measures_MeasureId", x => x.MeasureId, "measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_measure_reopenings_rounds_RoundId", x => x.RoundId, "rounds", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_measure_reopenings_MeasureId", "measure_reopenings", "MeasureId");
        b.CreateIndex("IX_measure_reopenings_RoundId_MeasureId", "measure_reopenings", ["RoundId", "MeasureId"]);
        b.CreateIndex("IX_measure_reopenings_StatusReportId", "measure_reopenings", "StatusReportId");

        b.CreateTable("pending_questions", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Data = t.Column<string>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            ExpiresAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_pending_questions", x => x.Id));
        b.CreateIndex("IX_pending_questions_Channel_ChatId_UserId", "pending_questions", ["Channel", "ChatId", "UserId"], unique: true);
        b.CreateIndex("IX_pending_questions_ExpiresAtUtc", "pending_questions", "ExpiresAtUtc");

        b.CreateTable("app_secrets", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(maxLength: 200, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_app_secrets", x => x.Name));

        b.CreateTable("chat_audit", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            AtUtc = t.Column<DateTime>(nullable: false),
            OrganizationId = t.Column<int>(nullable: true),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            UserName = t.Column<string>(maxLength: 200, nullable: true),
            Action = t.Column<string>(maxLength: 40, nullable: false),
            Detail = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_chat_audit", x => x.Id));
        b.CreateIndex("IX_chat_audit_OrganizationId_AtUtc", "chat_audit", ["OrganizationId", "AtUtc"]);

        b.CreateTable("chat_handled_events", t => new
        {
            WebhookEventId = t.Column<string>(maxLength: 64, nullable: false),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            HandledAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_chat_handled_events", x => x.WebhookEventId));
        b.CreateIndex("IX_chat_handled_events_HandledAtUtc", "chat_handled_events", "HandledAtUtc");
    }
}
