namespace ItaBot.Import;

public static class ImportSetup
{
    public static IHostApplicationBuilder AddImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlanImporter>();
        return builder;
    }
}
