namespace ItaBot.Import;

public static class ImportSetup
{
    public static IHostApplicationBuilder AddImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().Bind(builder.Configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.Limits.MaxFileBytes > 0 && o.Limits.MaxPartBytes > 0 && o.Limits.MaxRows > 0 && o.Limits.MaxColumns > 0,
                "Import:Limits must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<PlanPreviewer>();
        builder.Services.AddScoped<PlanImporter>();
        return builder;
    }
}
