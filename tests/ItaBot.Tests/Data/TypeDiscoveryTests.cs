using ItaBot.Data;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Tests.Data;

/// <summary>
/// The model and the migrations are found in their own namespaces, not by loading every type of the app (start-up
/// memory): anything written elsewhere would be silently left out of the schema, so these tests look everywhere.
/// </summary>
public sealed class TypeDiscoveryTests
{
    static readonly Type[] AppTypesAll = typeof(ItaBotDb).Assembly.GetTypes();

    [Fact]
    public void EveryEntityConfigurationOfTheAppIsWhereTheModelLooksForIt()
    {
        var configurations = AppTypesAll
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            .ToList();
        Assert.NotEmpty(configurations);
        var elsewhere = configurations.Where(t => t.Namespace != ItaBotDb.ConfigurationNamespace || t.IsNested).Select(t => t.FullName).ToList();
        Assert.True(elsewhere.Count == 0, $"entity configurations belong in namespace {ItaBotDb.ConfigurationNamespace} (Data/*Configuration.cs), not nested: {string.Join(", ", elsewhere)}");
    }

    [Fact]
    public void TheModelHasEveryConfiguredEntityUnderItsConfiguredTable()
    {
        using var temp = new TempDatabase();
        using var db = temp.NewContext();
        foreach (var configuration in AppTypesAll.Where(t => !t.IsAbstract && t.Namespace == ItaBotDb.ConfigurationNamespace))
            foreach (var entity in configuration.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)).Select(i => i.GenericTypeArguments[0]))
            {
                // The configuration alone, on an empty model, says which table it means.
                var alone = new ModelBuilder();
                typeof(ModelBuilder).GetMethods()
                    .Single(m => m.Name == nameof(ModelBuilder.ApplyConfiguration) && m.GetParameters()[0].ParameterType is { IsGenericType: true } p && p.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
                    .MakeGenericMethod(entity).Invoke(alone, [Activator.CreateInstance(configuration)]);
                var expected = alone.Model.FindEntityType(entity)!.GetTableName();
                var actual = db.Model.FindEntityType(entity);
                Assert.True(actual is not null, $"{entity.Name} ({configuration.Name}) is missing from the model");
                Assert.Equal(expected, actual.GetTableName());
            }
    }

    [Fact]
    public void EveryMigrationOfTheAppIsFoundAndInOrder()
    {
        var written = AppTypesAll
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttributes(typeof(DbContextAttribute), false).OfType<DbContextAttribute>().Any(a => a.ContextType == typeof(ItaBotDb)))
            .ToList();
        var elsewhere = written.Where(t => t.Namespace != AppMigrations.Namespace || t.IsNested).Select(t => t.FullName).ToList();
        Assert.True(elsewhere.Count == 0, $"migrations belong in namespace {AppMigrations.Namespace} (Data/Migrations), not nested: {string.Join(", ", elsewhere)}");

        using var temp = new TempDatabase();
        using var db = temp.NewContext();
        var ids = written.Select(t => ((MigrationAttribute)t.GetCustomAttributes(typeof(MigrationAttribute), false).Single()).Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids, db.Database.GetMigrations().ToList());
        Assert.Null(db.GetService<IMigrationsAssembly>().ModelSnapshot);
    }
}
