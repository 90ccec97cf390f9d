using System.Diagnostics;

namespace ItaBot.Import.Conversion;

/// <summary>
/// Turns a .doc (Word 97–2003) or .odt plan into .docx with LibreOffice running headless, so it is then read like
/// any Word file. One conversion at a time (LibreOffice is heavy, and two instances share little), each in a
/// temporary folder of its own with its own profile, killed when it takes longer than the limit.
/// </summary>
public sealed partial class LibreOfficeConverter(ImportOptions options, ILogger<LibreOfficeConverter> logger)
{
    public const string DebianPackage = "libreoffice-writer-nogui";

    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    static readonly string[] WellKnownPaths =
    [
        "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        @"C:\Program Files\LibreOffice\program\soffice.exe",
    ];

    /// <summary>The soffice program to run, or null when LibreOffice is not installed.</summary>
    public string? Program()
    {
        if (!string.IsNullOrWhiteSpace(options.LibreOffice))
            return File.Exists(options.LibreOffice) ? options.LibreOffice : null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "soffice", "libreoffice", "soffice.exe" })
                if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return WellKnownPaths.FirstOrDefault(File.Exists);
    }

    /// <summary>The DOCX bytes, or a Thai message saying why not (LibreOffice missing, too slow, file unreadable).</summary>
    public async Task<(byte[]? Docx, string? Problem)> ToDocxAsync(PlanFile file, PlanFormat format, CancellationToken ct)
    {
        var kind = format == PlanFormat.Odt ? "OpenDocument (.odt)" : "Word แบบเก่า (.doc)";
        if (Program() is not { } program)
            return (null, $"อ่านไฟล์ {kind} ต้องใช้ LibreOffice แต่เครื่องนี้ไม่มี: ติดตั้งแพ็กเกจ {DebianPackage} (sudo apt-get install {DebianPackage}) "
                + $"หรือเปิดไฟล์ใน Word แล้วบันทึกเป็น .docx ก่อน (LibreOffice is needed for {Path.GetExtension(file.Name)}: install {DebianPackage})");

        var limits = options.Limits;
        await OneAtATime.WaitAsync(ct);
        var folder = Directory.CreateTempSubdirectory("itabot-convert-").FullName;
        try
        {
            // A plain ASCII name: the uploaded one may hold anything.
            var input = Path.Combine(folder, format == PlanFormat.Odt ? "plan.odt" : "plan.doc");
            await File.WriteAllBytesAsync(input, file.Content, ct);
            var output = Path.Combine(folder, "out");
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
                $"-env:UserInstallation={new Uri(Path.Combine(folder, "profile")).AbsoluteUri}",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", output, input,
            })
                start.ArgumentList.Add(argument);
            start.Environment["HOME"] = folder;

            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limits.ConversionTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                ct.ThrowIfCancellationRequested();
                LogTimeout(file.Name, limits.ConversionTimeout.TotalSeconds);
                return (null, $"แปลงไฟล์ {kind} ไม่เสร็จภายใน {ImportLimits.Count((long)limits.ConversionTimeout.TotalSeconds)} วินาที จึงไม่ได้อ่าน: "
                    + $"เปิดไฟล์ใน Word แล้วบันทึกเป็น .docx (conversion took longer than {limits.ConversionTimeout.TotalSeconds:0} s)");
            }

            var docx = Path.Combine(output, "plan.docx");
            if (process.ExitCode != 0 || !File.Exists(docx))
            {
                LogFailed(file.Name, process.ExitCode, (await stderr).Trim(), (await stdout).Trim());
                return (null, $"LibreOffice เปิดไฟล์ {kind} นี้ไม่ได้ (ไฟล์อาจเสียหรือมีรหัสผ่าน): เปิดใน Word แล้วบันทึกเป็น .docx (LibreOffice could not convert the file)");
            }
            var length = new FileInfo(docx).Length;
            if (length > limits.MaxFileBytes) return (null, limits.FileTooLarge(length));
            return (await File.ReadAllBytesAsync(docx, ct), null);
        }
        finally
        {
            OneAtATime.Release();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LibreOffice took longer than {Seconds} s converting {File}; killed")]
    partial void LogTimeout(string file, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LibreOffice could not convert {File} (exit {Exit}): {Error} {Output}")]
    partial void LogFailed(string file, int exit, string error, string output);
}
