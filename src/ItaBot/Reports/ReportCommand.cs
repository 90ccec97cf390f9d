namespace ItaBot.Reports;

public static class ReportCommand
{
    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        Console.Error.WriteLine("report: not built yet");
        return Task.FromResult(2);
    }
}
