using System.Buffers.Binary;
using ItaBot.Reports;
using ItaBot.Tracking.Evidence;

namespace ItaBot.Tests.Tracking;

public sealed class EvidenceIntakeTests
{
    static async Task<(ReceivedFile? File, string? Refusal, byte[] Kept)> TakeAsync(byte[] bytes, string name)
    {
        var result = await EvidenceIntake.AcceptAsync(new MemoryStream(bytes), name, CancellationToken.None);
        if (result.File is null) return (null, result.Refusal, []);
        using var kept = new MemoryStream();
        await using (var content = result.File.OpenRead()) await content.CopyToAsync(kept);
        return (result.File, null, kept.ToArray());
    }

    [Fact]
    public async Task APhonePhotoLosesItsGpsCameraCommentAndTrailerButKeepsItsPictureAndOrientation()
    {
        var phone = EvidenceSamples.PhoneJpeg();
        Assert.True(EvidenceSamples.Contains(phone, EvidenceSamples.GpsMarker));

        var (file, refusal, kept) = await TakeAsync(phone, "IMG_2041.JPG");

        Assert.Null(refusal);
        Assert.Equal("image/jpeg", file!.Type.ContentType);
        Assert.False(EvidenceSamples.Contains(kept, EvidenceSamples.GpsMarker));
        Assert.False(EvidenceSamples.Contains(kept, "PhoneCo"));
        Assert.False(EvidenceSamples.Contains(kept, "xmpmeta"));
        Assert.False(EvidenceSamples.Contains(kept, "99 Moo 3"));
        Assert.False(EvidenceSamples.Contains(kept, "samsung-location"));
        Assert.Equal([0xFF, 0xD9], kept[^2..]);
        // The picture itself (every segment from the quantisation tables to the end) is byte for byte the original.
        var original = EvidenceSamples.Jpeg;
        var pictureStart = original.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDB]);
        Assert.True(kept.AsSpan().EndsWith(original.AsSpan(pictureStart)));
        Assert.Equal(6, Orientation(kept));
        Assert.Equal(file.Length, kept.Length);
    }

    [Fact]
    public async Task APngLosesItsTextAndExifChunks()
    {
        var (file, _, kept) = await TakeAsync(EvidenceSamples.PhonePng(), "map.png");

        Assert.Equal("image/png", file!.Type.ContentType);
        Assert.False(EvidenceSamples.Contains(kept, "Bangkok 13.75N"));
        Assert.False(EvidenceSamples.Contains(kept, "eXIf"));
        Assert.Equal(EvidenceSamples.Png, kept);
    }

    [Theory]
    [InlineData("announcement.pdf", "application/pdf")]
    [InlineData("ประกาศ.PDF", "application/pdf")]
    [InlineData("announcement.jpg", "application/pdf")]
    public async Task ThePdfIsKnownByItsContentWhateverItsName(string name, string type)
    {
        var (file, refusal, kept) = await TakeAsync(EvidenceSamples.Pdf, name);

        Assert.Null(refusal);
        Assert.Equal(type, file!.Type.ContentType);
        Assert.Equal(EvidenceSamples.Pdf, kept);
        Assert.EndsWith(".pdf", file.FileName, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WordAndExcelFilesAreKnownByThePartsInsideThem()
    {
        var report = new ScenarioReportFiles();
        var docx = await TakeAsync(report.Docx, "รายงาน.docx");
        var xlsx = await TakeAsync(report.Xlsx, "สรุป.xlsx");
        var xlsxCalledDocx = await TakeAsync(report.Xlsx, "สรุป.docx");

        Assert.Equal(EvidenceKind.Docx, docx.File!.Type.Kind);
        Assert.Equal(EvidenceKind.Xlsx, xlsx.File!.Type.Kind);
        Assert.Equal(EvidenceKind.Xlsx, xlsxCalledDocx.File!.Type.Kind);
        Assert.Equal("สรุป.docx.xlsx", xlsxCalledDocx.File.FileName);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0 }, "photo.jpg", "ไม่ใช่ไฟล์ที่รับได้")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, "old.doc", "รุ่นเก่า")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "anim.gif", "GIF")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0 }, "IMG_1.HEIC", "HEIC")]
    [InlineData(new byte[] { }, "empty.pdf", "ไฟล์ว่าง")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "cut.jpg", "เสียหาย")]
    public async Task AnythingElseIsRefusedInThaiNamingTheFile(byte[] bytes, string name, string says)
    {
        var (file, refusal, _) = await TakeAsync(bytes, name);

        Assert.Null(file);
        Assert.Contains($"\"{name}\"", refusal);
        Assert.Contains(says, refusal);
    }

    [Fact]
    public async Task AFileOverTenMegabytesIsRefusedAsSoonAsItIsOver()
    {
        var source = new CountingStream(EvidenceLimits.MaxFileBytes * 3);

        var result = await EvidenceIntake.AcceptAsync(source, "video.mp4", CancellationToken.None);

        Assert.Null(result.File);
        Assert.Equal("ไฟล์ \"video.mp4\" ใหญ่เกิน ๑๐ MB กรุณาย่อขนาดหรือแบ่งไฟล์ แล้วแนบใหม่", result.Refusal);
        Assert.InRange(source.Taken, EvidenceLimits.MaxFileBytes, EvidenceLimits.MaxFileBytes + 128 * 1024);
    }

    [Fact]
    public async Task AMacroWorkbookIsRefusedEvenWhenNamedXlsx()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin" })
                await using (var entry = archive.CreateEntry(part).Open()) entry.WriteByte((byte)'x');
        }

        var (file, refusal, _) = await TakeAsync(zip.ToArray(), "budget.xlsx");

        Assert.Null(file);
        Assert.Contains("มาโคร", refusal);
    }

    [Fact]
    public void FileNamesLoseFoldersAndHiddenCharactersAndStayShort()
    {
        Assert.Equal("ภาพ.jpg", EvidenceNames.Clean(@"C:\Users\somchai\Desktop\ภาพ.jpg"));
        Assert.Equal("evil_.pdf", EvidenceNames.Clean("../../evil\u202E\".pdf"));
        Assert.Equal("ไฟล์แนบ", EvidenceNames.Clean("   "));
        var longName = EvidenceNames.Clean(new string('ก', 300) + ".pdf");
        Assert.True(longName.Length <= EvidenceNames.MaxLength);
        Assert.EndsWith("….pdf", longName);
    }

    static int? Orientation(byte[] jpeg)
    {
        var at = jpeg.AsSpan().IndexOf("Exif\0\0"u8);
        if (at < 0) return null;
        var tiff = jpeg.AsSpan(at + 6);
        Assert.Equal((byte)'M', tiff[0]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(tiff[8..]);
        Assert.Equal(1, count); // orientation only
        Assert.Equal(0x0112, BinaryPrimitives.ReadUInt16BigEndian(tiff[10..]));
        return BinaryPrimitives.ReadUInt16BigEndian(tiff[18..]);
    }

    /// <summary>A stream of zeros after a JPEG start that counts how much was read from it.</summary>
    sealed class CountingStream(long length) : Stream
    {
        public long Taken { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => Taken; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Taken);
            Array.Clear(buffer, offset, n);
            if (Taken == 0 && n >= 3) { buffer[offset] = 0xFF; buffer[offset + 1] = 0xD8; buffer[offset + 2] = 0xFF; }
            Taken += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Real DOCX and XLSX files: the report renderers' own output.</summary>
    sealed class ScenarioReportFiles
    {
        public byte[] Docx { get; }
        public byte[] Xlsx { get; }

        public ScenarioReportFiles()
        {
            var report = new RoundReport(
                new ReportOrganization(1, "อบต.ทดสอบ", "token"),
                new ReportRound(1, 2568, ItaBot.Tracking.RoundKind.SixMonth, RoundKey.SixMonth, new(2024, 10, 1), new(2025, 3, 31), new(2025, 4, 15), ItaBot.Tracking.RoundState.Open, null),
                DateTime.UtcNow, [], new ReportTotals(StatusCounts.Of([]), []));
            using var docx = new MemoryStream();
            DocxReportRenderer.Render(report, docx);
            Docx = docx.ToArray();
            using var xlsx = new MemoryStream();
            XlsxReportRenderer.Render(report, xlsx);
            Xlsx = xlsx.ToArray();
        }
    }
}
