using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace ItaBot.Data.Migrations;

static class MigrationExtensions
{
    /// <summary>Database-generated key, spelled for every provider we run on (each ignores the others' annotation).</summary>
    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(
        this OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> column) =>
        column.Annotation("Sqlite:Autoincrement", true)
              .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
