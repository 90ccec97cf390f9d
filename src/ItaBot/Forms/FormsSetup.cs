namespace ItaBot.Forms;

public static class FormsSetup
{
    public static IHostApplicationBuilder AddForms(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.Section);
        // Anti-forgery (one cookie for every page and form) is set up once, in Web/WebSetup.
        services.AddScoped<ReportForm>();
        services.AddHttpClient<ILineIdentity, LineLoginIdentity>(client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IEndpointRouteBuilder MapForms(this IEndpointRouteBuilder app) => app.MapFormEndpoints();
}
