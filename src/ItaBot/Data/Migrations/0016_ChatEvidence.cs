using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Photos sent in chat as one image set, confirmed once (<c>chat_evidence_batches</c>), and the data-protection keys
/// every instance shares (<c>data_protection_keys</c>), so a form opened from one instance submits on another.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000016_ChatEvidence")]
public sealed class ChatEvidence : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("chat_evidence_batches", t => new
        {
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            SetId = t.Column<string>(maxLength: 64, nullable: false),
            MeasureId = t.Column<int>(nullable: true),
            Total = t.Column<int>(nullable: false),
            Seen = t.Column<int>(nullable: false),
            Attached = t.Column<int>(nullable: false),
            Refusal = t.Column<string>(maxLength: 500, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_chat_evidence_batches", x => new { x.Channel, x.SetId }));

        b.CreateTable("data_protection_keys", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_data_protection_keys", x => x.Id));
    }
}
