using System.Xml.Linq;
using ItaBot.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Web;

/// <summary>
/// ASP.NET Core's data-protection keys (they sign the anti-forgery tokens of the report form, the dashboard and the
/// simulator) kept in the app's own database, so several instances sharing one database accept each other's
/// forms and a restart does not invalidate open pages. Kept as the framework writes them (unencrypted XML, as its
/// own Entity Framework store does): whoever can read the database can read them, as with every other secret in it.
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    /// <summary>One name for every instance: without it the keys are told apart by each instance's folder.</summary>
    public const string ApplicationName = "ItaBot";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(DatabaseKeyRepository.ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// ASP.NET Core reads (on a new database: makes) the key ring at start, to have it ready for the first request;
    /// here it is read when a page or cookie first needs it, so its XML reading stays out of a bot that may serve no
    /// page for hours (start-up memory, bench … startup). Called after everything that adds data protection again
    /// (anti-forgery, the sign-in cookie), which would bring the warm-up back.
    /// </summary>
    public static IHostApplicationBuilder ReadKeysOnFirstUse(this IHostApplicationBuilder builder)
    {
        foreach (var warmUp in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            builder.Services.Remove(warmUp);
        return builder;
    }
}
