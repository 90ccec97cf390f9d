using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>Schema version 5: a name administrators give a group, so the summary can be sent to, say, the executives' group.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261121000005_ChatNames")]
public sealed class ChatNames : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<string>("Name", "line_chats", maxLength: 100, nullable: true);
}
