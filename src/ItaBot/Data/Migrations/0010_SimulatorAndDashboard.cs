using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>The simulator's chat history and settings; dashboard administrator accounts and failed sign-ins.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000010_SimulatorAndDashboard")]
public sealed class SimulatorAndDashboard : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("simulator_messages", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            ChatId = t.Column<string>(maxLength: 64, nullable: false),
            Sender = t.Column<string>(maxLength: 10, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            Json = t.Column<string>(nullable: false),
            Via = t.Column<string>(maxLength: 20, nullable: false),
            Billed = t.Column<int>(nullable: false),
            RetryKey = t.Column<Guid>(nullable: true),
            AtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_simulator_messages", x => x.Id));
        b.CreateIndex("IX_simulator_messages_ChatId_Id", "simulator_messages", ["ChatId", "Id"]);
        b.CreateIndex("IX_simulator_messages_RetryKey", "simulator_messages", "RetryKey");

        b.CreateTable("simulator_settings", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(maxLength: 400, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_simulator_settings", x => x.Name));

        b.CreateTable("admin_accounts", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            PasswordHash = t.Column<string>(maxLength: 400, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_admin_accounts", x => x.Id));
        b.CreateIndex("IX_admin_accounts_Name", "admin_accounts", "Name", unique: true);

        b.CreateTable("admin_sign_in_failures", t => new
        {
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Failures = t.Column<int>(nullable: false),
            FirstFailureAtUtc = t.Column<DateTime>(nullable: false),
            LockedUntilUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_admin_sign_in_failures", x => x.Name));
    }
}
