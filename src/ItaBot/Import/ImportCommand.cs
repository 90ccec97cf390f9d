using System.Text;
using ItaBot.Cli;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// <c>dotnet run --project src/ItaBot -- import &lt;file&gt; --org "&lt;name&gt;" --year 2568 [--dry-run] [--json] [--map "…"] [--table N]</c>:
/// a Thai summary (or the plan as JSON, with every table found and the roles given to its columns) on stdout,
/// problems on stderr; exit 0 ok, 1 bad input, 2 usage.
/// </summary>
public static class ImportCommand
{
    public const string Usage =
        "ใช้: dotnet run --project src/ItaBot -- import <ไฟล์ .docx|.doc|.odt|.xlsx|.csv|.json> --org \"<ชื่อหน่วยงาน>\" --year <ปีงบประมาณ พ.ศ. เช่น 2568> [--dry-run] [--json]\n"
        + "      [--map \"ผู้รับผิดชอบ=2,ระยะเวลา=4\": กำหนดเองว่าคอลัมน์ไหนคืออะไร] [--table 2: อ่านเฉพาะตารางที่ 2]\n"
        + "usage: import <file> --org \"<organization>\" --year <BE fiscal year> [--dry-run: read and show, change nothing] [--json: print the plan as JSON]\n"
        + "      [--map \"role=column,…\": name the columns yourself] [--table N[,M]: read only these tables]";

    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct) =>
        RunAsync(services, args, Console.Out, Console.Error, ct);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var options = new CommandArgs(args, "dry-run", "json", "help");
        if (options.Has("help") || options.Positional.Count != 1 || string.IsNullOrWhiteSpace(options["org"]) || options["year"] is null)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        if (!ThaiDigits.TryParseInt(options["year"]!, out var year) || year is < 2500 or > 2700)
        {
            await errors.WriteLineAsync($"ปีงบประมาณ “{options["year"]}” ไม่ถูกต้อง: ใช้ปี พ.ศ. เช่น 2568 (--year must be a Buddhist Era year)");
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        if (Locate(options.Positional[0]) is not { } path)
        {
            await errors.WriteLineAsync($"{options.Positional[0]}: ไม่พบไฟล์ (file not found)");
            return 1;
        }

        var (mapping, mappingProblem) = PlanMapping.Parse(options["map"], options["table"]);
        if (mappingProblem is not null)
        {
            await errors.WriteLineAsync(mappingProblem);
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        PlanFile file;
        try
        {
            file = await PlanFile.ReadAsync(path, ct, importer.Limits);
        }
        catch (ImportLimitExceeded e)
        {
            await errors.WriteLineAsync($"{Path.GetFileName(path)}: {e.Message}");
            return 1;
        }
        var result = await importer.ImportAsync(file, options["org"]!, year, options.Has("dry-run"), ct, mapping);

        if (options.Has("json"))
        {
            using var json = new MemoryStream();
            PlanJson.Write(result, json);
            await output.WriteLineAsync(Encoding.UTF8.GetString(json.ToArray()));
        }
        else if (result.Succeeded)
            await output.WriteAsync(ImportSummary.Describe(result, tables: options.Has("dry-run")));

        if (result.Succeeded) return 0;
        await errors.WriteAsync(ImportSummary.DescribeProblems(result));
        return 1;
    }

    /// <summary>
    /// `dotnet run --project src/ItaBot` runs in the project folder, so a relative path is also looked up
    /// in the folder the command was typed in (the shell's PWD).
    /// </summary>
    static string? Locate(string path)
    {
        if (File.Exists(path)) return path;
        var shell = Environment.GetEnvironmentVariable("PWD");
        return !Path.IsPathRooted(path) && shell is not null && File.Exists(Path.Combine(shell, path)) ? Path.Combine(shell, path) : null;
    }
}
