namespace ItaBot.Line.Api;

public static class LineApiSetup
{
    /// <summary>
    /// Registers <see cref="LineApiClient"/> as a typed HttpClient. HttpClient's own request logging redacts every
    /// header value by default, so the access token never reaches the logs.
    /// </summary>
    public static IServiceCollection AddLineApi(this IServiceCollection services)
    {
        services.AddHttpClient<LineApiClient>(client => client.Timeout = LineApiClient.DefaultTimeout)
            .ConfigurePrimaryHttpMessageHandler(LineApiClient.CreateHandler);
        return services;
    }
}
