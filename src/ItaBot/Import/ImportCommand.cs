namespace ItaBot.Import;

public static class ImportCommand
{
    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        Console.Error.WriteLine("import: not built yet");
        return Task.FromResult(2);
    }
}
