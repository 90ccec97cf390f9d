using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports.Pdf;

/// <summary>
/// Converts a Word file to PDF with LibreOffice headless (<c>soffice --convert-to pdf</c>), one conversion at a
/// time, each with a time limit after which LibreOffice is stopped. LibreOffice runs with a profile of its own
/// (created on first use, kept for this process so later conversions start warm) that asks for Thai digits:
/// LibreOffice ignores a Word file's Thai page-number format, and this is what prints "หน้า ๑".
/// </summary>
public sealed class LibreOfficeConverter(IOptions<ReportsOptions> options, ILogger<LibreOfficeConverter> log, TimeProvider time) : IDisposable
{
    /// <summary>The Debian packages that make conversion possible, as the page and the command say to install them.</summary>
    public const string InstallHint = "sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg";

    readonly SemaphoreSlim _oneAtATime = new(1, 1);
    readonly string _profile = Path.Combine(Path.GetTempPath(), $"itabot-libreoffice-{Environment.ProcessId}-{Guid.NewGuid():N}");
    readonly Lazy<string?> _soffice = new(() => Find(options.Value.Pdf.Soffice));

    /// <summary>The LibreOffice program found (setting <c>Reports:Pdf:Soffice</c>, else the usual places), or null.</summary>
    public string? Soffice => _soffice.Value;

    public bool IsAvailable => Soffice is not null;

    public TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.Pdf.TimeoutSeconds));

    public async Task<byte[]> ConvertAsync(byte[] docx, CancellationToken ct = default)
    {
        var soffice = Soffice ?? throw new PdfUnavailableException();
        await _oneAtATime.WaitAsync(ct);
        var work = Directory.CreateTempSubdirectory("itabot-pdf-").FullName;
        try
        {
            WriteProfile();
            var input = Path.Combine(work, "report.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work,
            };
            foreach (var arg in new[]
            {
                $"-env:UserInstallation={new Uri(_profile + "/").AbsoluteUri}", "--headless", "--invisible", "--nodefault",
                "--nolockcheck", "--nologo", "--norestore", "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, input,
            }) start.ArgumentList.Add(arg);
            // "System" numerals follow the locale LibreOffice starts in.
            start.Environment["LANG"] = "th_TH.UTF-8";

            using var process = Process.Start(start) ?? throw new PdfConversionException("LibreOffice did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = new CancellationTokenSource(Timeout, time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            try { await process.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (Win32Exception) { }
                if (ct.IsCancellationRequested) throw;
                throw new PdfConversionException($"LibreOffice did not finish within {Timeout.TotalSeconds:0} seconds and was stopped");
            }
            var output = Path.Combine(work, "report.pdf");
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new PdfConversionException($"LibreOffice exited {process.ExitCode} without a PDF: {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            _oneAtATime.Release();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// CTL numerals "System" with Thai as LibreOffice's language draws digits as Thai digits: the page numbers the
    /// Word file asks for in Thai. (Digits the report keeps Arabic on purpose, inside web addresses, are drawn Thai
    /// too in the PDF; the links behind them are unchanged.)
    /// </summary>
    void WriteProfile()
    {
        var user = Path.Combine(_profile, "user");
        var registry = Path.Combine(user, "registrymodifications.xcu");
        if (File.Exists(registry)) return;
        Directory.CreateDirectory(user);
        File.WriteAllText(registry, """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Common/I18N/CTL"><prop oor:name="CTLTextNumerals" oor:op="fuse"><value>2</value></prop></item>
            <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>th</value></prop></item>
            <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
            </oor:items>
            """);
        log.LogInformation("LibreOffice profile for PDF conversion at {Profile}", _profile);
    }

    static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        var names = OperatingSystem.IsWindows() ? new[] { "soffice.exe" } : ["soffice", "libreoffice"];
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        foreach (var dir in path)
            foreach (var name in names)
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        string[] known = OperatingSystem.IsWindows()
            ? [@"C:\Program Files\LibreOffice\program\soffice.exe"]
            : ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"];
        return known.FirstOrDefault(File.Exists);
    }

    public void Dispose()
    {
        _oneAtATime.Dispose();
        try { if (Directory.Exists(_profile)) Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>LibreOffice is not installed here.</summary>
public sealed class PdfUnavailableException() : Exception($"LibreOffice is not installed: {LibreOfficeConverter.InstallHint}");

/// <summary>LibreOffice ran and failed, or was stopped at its time limit.</summary>
public sealed class PdfConversionException(string message) : Exception(message);
