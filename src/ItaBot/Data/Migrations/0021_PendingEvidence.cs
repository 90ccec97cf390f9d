using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>Photos, videos and files sent before their sender's status, held for it (<c>chat_pending_evidence</c>).</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000021_PendingEvidence")]
public sealed class PendingEvidence : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("chat_pending_evidence", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            MessageId = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 10, nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: true),
            EvidenceKind = t.Column<string>(maxLength: 10, nullable: true),
            Length = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: true),
            StorageKey = t.Column<string>(maxLength: 200, nullable: true),
            Refusal = t.Column<string>(maxLength: 500, nullable: true),
            ReceivedAtUtc = t.Column<DateTime>(nullable: false),
            AskedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_chat_pending_evidence", x => x.Id));
        b.CreateIndex("IX_chat_pending_evidence_Channel_ChatId_UserId", "chat_pending_evidence", ["Channel", "ChatId", "UserId"]);
        b.CreateIndex("IX_chat_pending_evidence_MessageId", "chat_pending_evidence", "MessageId", unique: true);
        b.CreateIndex("IX_chat_pending_evidence_ReceivedAtUtc", "chat_pending_evidence", "ReceivedAtUtc");
    }
}
