using System.Diagnostics;

namespace ItaBot.Tests.Reports;

/// <summary>LibreOffice and poppler's programs, run to the end with a time limit; a missing one says what to install.</summary>
static class Programs
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' is not installed: apt-get install libreoffice-writer-nogui poppler-utils fonts-thai-tlwg, " +
                "or leave this category out (dotnet test runs without it by default).", e);
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{program} did not finish in 3 minutes"); }
            Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await stderr}");
            return await stdout;
        }
    }
}
