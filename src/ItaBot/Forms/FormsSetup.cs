namespace ItaBot.Forms;

public static class FormsSetup
{
    public const string AntiforgeryCookie = "itabot-form";

    public static IHostApplicationBuilder AddForms(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.Section);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/f";
            o.FormFieldName = "__form";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddScoped<ReportForm>();
        services.AddHttpClient<ILineIdentity, LineLoginIdentity>(client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IEndpointRouteBuilder MapForms(this IEndpointRouteBuilder app) => app.MapFormEndpoints();
}
