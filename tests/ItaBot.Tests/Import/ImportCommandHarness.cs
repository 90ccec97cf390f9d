using ItaBot.Import;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Import;

/// <summary>The `import` command on the real app's services (no process is spawned), with a folder for the files it reads.</summary>
public sealed class ImportCommandHarness : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("itabot-import-").FullName;

    public TestApp App { get; } = new();

    public string Folder => _dir;

    public void Dispose()
    {
        App.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ImportCommand.RunAsync(App.Services, args, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }
}
