namespace ItaBot.Reports;

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>()
            .Bind(builder.Configuration.GetSection(ReportsOptions.Section))
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https"),
                "Reports:PublicBaseUrl must be an absolute http(s) address, e.g. https://ita.example.go.th")
            .ValidateOnStart();
        builder.Services.AddScoped<RoundReportCompiler>();
        builder.Services.AddSingleton<ReportDocuments>();
        builder.Services.AddSingleton<ReportUrls>();
        builder.Services.AddSingleton<Pdf.LibreOfficeConverter>();
        builder.Services.AddSingleton<Pdf.ReportPdfs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Pdf.ReportPdfs>());
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => app.MapReportEndpoints();
}
