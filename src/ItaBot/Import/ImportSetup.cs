namespace ItaBot.Import;

public static class ImportSetup
{
    public static IHostApplicationBuilder AddImport(this IHostApplicationBuilder builder) => builder;
}
