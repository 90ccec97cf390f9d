using System.Text;
using ItaBot.Thai;
using ItaBot.Tracking.Evidence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ItaBot.Forms;

/// <summary>What a report form post carried: its text fields and the evidence files that passed intake.</summary>
public sealed class FormUpload : IAsyncDisposable
{
    public Dictionary<string, StringValues> Fields { get; } = new(StringComparer.Ordinal);
    public List<ReceivedFile> Files { get; } = [];

    /// <summary>Why the post was refused (Thai, naming the limit or the file), with the HTTP status to answer.</summary>
    public string? Refusal { get; private set; }
    public int RefusalStatus { get; private set; } = StatusCodes.Status400BadRequest;

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var file in Files) await file.DisposeAsync();
    }

    public const int MaxParts = 40;
    public const int MaxFieldBytes = 32 * 1024;
    /// <summary>Ten files of the common limit, or one video of its own limit, plus the fields.</summary>
    public const long MaxRequestBytes = (EvidenceLimits.MaxFilesPerReport * EvidenceLimits.MaxFileBytes > EvidenceLimits.MaxVideoBytes
        ? EvidenceLimits.MaxFilesPerReport * EvidenceLimits.MaxFileBytes : EvidenceLimits.MaxVideoBytes) + 1024 * 1024;

    /// <summary>
    /// Reads a multipart/form-data post with every limit in force before and while reading: the declared and the
    /// actual request size, the number of parts, each field's and each file's size, and the time the upload may
    /// take. Files go straight through <see cref="EvidenceIntake"/> into temporary files; nothing is kept in memory
    /// whole. The first limit passed stops the reading.
    /// </summary>
    public static async Task<FormUpload> ReadAsync(HttpRequest request, TimeSpan timeout, TimeProvider time, CancellationToken aborted)
    {
        var upload = new FormUpload();
        if (request.ContentLength is > MaxRequestBytes)
            return upload.Refuse(StatusCodes.Status413PayloadTooLarge, $"ข้อมูลที่ส่งมาใหญ่เกิน {EvidenceLimits.Megabytes(MaxRequestBytes)} (แนบได้ไม่เกิน {ThaiDigits.ToThai(EvidenceLimits.MaxFilesPerReport)} ไฟล์ ไฟล์ละไม่เกิน {EvidenceLimits.Megabytes(EvidenceLimits.MaxFileBytes)} วิดีโอไม่เกิน {EvidenceLimits.Megabytes(EvidenceLimits.MaxVideoBytes)})");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxRequestBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
            return upload.Refuse(StatusCodes.Status415UnsupportedMediaType, "ส่งแบบฟอร์มไม่ถูกรูปแบบ กรุณาเปิดลิงก์แล้วส่งจากหน้าแบบฟอร์มอีกครั้ง");

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, aborted);
        var ct = linked.Token;
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++parts > MaxParts) return upload.Refuse(StatusCodes.Status400BadRequest, "แบบฟอร์มมีส่วนประกอบมากเกินไป กรุณาส่งจากหน้าแบบฟอร์มเท่านั้น");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                    return upload.Refuse(StatusCodes.Status400BadRequest, "ส่งแบบฟอร์มไม่ถูกรูปแบบ กรุณาส่งจากหน้าแบบฟอร์มอีกครั้ง");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (string.IsNullOrEmpty(fileName))
                    {
                        // An empty file input: browsers still send its part.
                        await section.Body.CopyToAsync(Stream.Null, ct);
                        continue;
                    }
                    if (upload.Files.Count >= EvidenceLimits.MaxFilesPerReport) return upload.Refuse(StatusCodes.Status400BadRequest, EvidenceLimits.TooMany);
                    var result = await EvidenceIntake.AcceptAsync(section.Body, fileName, ct, EvidenceLimits.MaxVideoBytes);
                    if (result.File is null)
                        return upload.Refuse(result.Refusal!.Contains("ใหญ่เกิน", StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status415UnsupportedMediaType, result.Refusal);
                    upload.Files.Add(result.File);
                    continue;
                }
                var value = await ReadFieldAsync(section.Body, ct);
                if (value is null) return upload.Refuse(StatusCodes.Status400BadRequest, $"ข้อความในช่อง \"{FormFields.Label(name)}\" ยาวเกินกว่าที่รับได้");
                upload.Fields[name] = StringValues.Concat(upload.Fields.GetValueOrDefault(name), value);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            return upload.Refuse(StatusCodes.Status408RequestTimeout, $"ส่งข้อมูลนานเกิน {ThaiDigits.ToThai((int)timeout.TotalMinutes)} นาที กรุณาลองใหม่เมื่อสัญญาณดีขึ้น หรือแนบไฟล์ให้น้อยลง");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return upload.Refuse(StatusCodes.Status400BadRequest, "ส่งข้อมูลไม่ครบหรือเกินขนาดที่รับได้ กรุณาลองส่งอีกครั้ง");
        }
        return upload;
    }

    static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var filled = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (filled > MaxFieldBytes) return null;
        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    FormUpload Refuse(int status, string message)
    {
        Refusal = message;
        RefusalStatus = status;
        return this;
    }
}
