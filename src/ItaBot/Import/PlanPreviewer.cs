using ItaBot.Import.Conversion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItaBot.Import;

/// <summary>
/// The plan preview as a service other features call: the command line's <c>--dry-run</c>, the chat's file import,
/// the dashboard's upload page. Takes a file and, optionally, the columns a person named; converts .doc/.odt
/// first; never writes anything.
/// </summary>
public sealed class PlanPreviewer(IOptions<ImportOptions> options, ILogger<LibreOfficeConverter>? logger = null)
{
    readonly LibreOfficeConverter _converter = new(options.Value, logger ?? NullLogger<LibreOfficeConverter>.Instance);

    public ImportLimits Limits => options.Value.Limits;

    public static PlanPreviewer Default { get; } = new(Options.Create(new ImportOptions()));

    public async Task<PlanPreview> PreviewAsync(PlanFile file, int fiscalYear, PlanMapping? mapping = null, CancellationToken ct = default)
    {
        var limits = Limits;
        if (file.Content.Length > limits.MaxFileBytes)
            return PlanPreview.Failed(file.Name, new ImportProblem(file.Name, null, null, null, limits.FileTooLarge(file.Content.Length)));
        var (format, _) = file.DetectFormat();
        if (format is not (PlanFormat.Doc or PlanFormat.Odt) || file.Content.Length == 0)
            return PlanReader.Preview(file, fiscalYear, mapping, limits);

        var (docx, problem) = await _converter.ToDocxAsync(file, format.Value, ct);
        if (docx is null) return PlanPreview.Failed(file.Name, new ImportProblem(file.Name, null, null, null, problem!));
        return PlanReader.Preview(file with { Content = docx }, fiscalYear, mapping, limits, PlanFormat.Docx);
    }
}
