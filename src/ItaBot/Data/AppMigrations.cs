using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace ItaBot.Data;

#pragma warning disable EF1001 // EF's own migrations assembly, with only its discovery changed.
/// <summary>
/// The migrations, found in their namespace (<see cref="Namespace"/>, Data/Migrations) instead of among every type
/// of the app (<see cref="AppTypes"/>). The same rule as EF's: a <see cref="Migration"/> of this context, keyed and
/// ordered by its <see cref="MigrationAttribute"/> id. The migrations are written by hand: there is no model snapshot.
/// </summary>
sealed class AppMigrations(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public const string Namespace = "ItaBot.Data.Migrations";

    readonly Type context = currentContext.Context.GetType();
    IReadOnlyDictionary<string, TypeInfo>? migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= Find();

    public override ModelSnapshot? ModelSnapshot => null;

    SortedList<string, TypeInfo> Find()
    {
        var found = new SortedList<string, TypeInfo>();
        foreach (var type in AppTypes.In(Assembly, Namespace))
        {
            if (type.IsAbstract || type.IsGenericTypeDefinition || !type.IsSubclassOf(typeof(Migration))) continue;
            if (type.GetCustomAttribute<DbContextAttribute>()?.ContextType != context) continue;
            if (type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id) found.Add(id, type.GetTypeInfo());
        }
        return found;
    }
}
#pragma warning restore EF1001
