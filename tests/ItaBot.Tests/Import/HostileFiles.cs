using System.IO.Compression;
using System.Text;

namespace ItaBot.Tests.Import;

/// <summary>
/// Files made to hurt a reader: small on the wire, enormous when believed. Written with the zip library only,
/// so the benchmark (which compiles this file too) measures the very files the tests refuse.
/// </summary>
public static class HostileFiles
{
    const string Word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const string Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Every hostile file by name, for the benchmark.</summary>
    public static IReadOnlyDictionary<string, Func<(string Name, byte[] Content)>> All { get; } = new Dictionary<string, Func<(string, byte[])>>
    {
        ["merged-range-bomb"] = () => ("bomb.xlsx", MergedRangeBomb()),
        ["deflate-bomb-docx"] = () => ("bomb.docx", DeflateBombDocx(2L * 1024 * 1024 * 1024)),
        ["deflate-bomb-xlsx"] = () => ("bomb.xlsx", DeflateBombXlsx(2L * 1024 * 1024 * 1024)),
        ["deflate-bomb-rels"] = () => ("rels.docx", DeflateBombInRelationships(1024L * 1024 * 1024)),
        ["many-entries"] = () => ("entries.docx", ManyEntries(100_000)),
        ["deep-nesting"] = () => ("deep.docx", DeepNesting(200_000)),
        ["entity-expansion"] = () => ("laughs.docx", EntityExpansion()),
        ["many-rows"] = () => ("rows.docx", ManyRows(150_000)),
        ["wide-sheet"] = () => ("wide.xlsx", WideSheet()),
        ["many-shared-strings"] = () => ("strings.xlsx", ManySharedStrings(900_000)),
        ["huge-csv"] = () => ("huge.csv", HugeCsv(1_000_000)),
        ["oversized-file"] = () => ("big.docx", Oversized(25 * 1024 * 1024)),
    };

    /// <summary>
    /// A real-looking plan sheet (~2 kB) whose merged ranges claim two billion rows and every column:
    /// believed, "same as above" cells for all of them would never fit in memory.
    /// </summary>
    public static byte[] MergedRangeBomb()
    {
        var sheet = new StringBuilder($"<worksheet xmlns=\"{Sheet}\"><sheetData>");
        sheet.Append(Row(1, "มาตรการ", "ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"));
        sheet.Append(Row(2, "ประกาศเจตนารมณ์ไม่รับของขวัญ", "ผู้บริหารลงนาม", "สำนักปลัด", "ต.ค. ๖๗"));
        sheet.Append(Row(3, "เผยแพร่แผนจัดซื้อจัดจ้าง", "ลงเว็บไซต์", "กองคลัง", "ธ.ค. ๖๗"));
        sheet.Append("</sheetData><mergeCells count=\"4\">");
        foreach (var range in new[] { "C3:C2000000000", "D3:XFD1048576", "E1:E2147483647", "A4:XFD2000000000" })
            sheet.Append($"<mergeCell ref=\"{range}\"/>");
        sheet.Append("</mergeCells></worksheet>");
        return Xlsx(sheet.ToString());

        static string Row(int number, params string[] values) =>
            $"<row r=\"{number}\">" + string.Concat(values.Select((v, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")) + "</row>";
    }

    /// <summary>A DOCX whose document part inflates to <paramref name="uncompressed"/> bytes of blank text.</summary>
    public static byte[] DeflateBombDocx(long uncompressed) =>
        Docx(writer => Bomb(writer, $"<w:document xmlns:w=\"{Word}\"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">",
            "</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>", uncompressed));

    /// <summary>An XLSX whose sheet inflates to <paramref name="uncompressed"/> bytes.</summary>
    public static byte[] DeflateBombXlsx(long uncompressed)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            XlsxFrame(zip);
            using var writer = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            Bomb(writer, $"<worksheet xmlns=\"{Sheet}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>", "</t></is></c></row></sheetData></worksheet>", uncompressed);
        }
        return stream.ToArray();
    }

    /// <summary>The bomb hidden in the package's relationships, which a reader opens before any document part.</summary>
    public static byte[] DeflateBombInRelationships(long uncompressed)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var rels = zip.CreateEntry("_rels/.rels", CompressionLevel.SmallestSize).Open())
                Bomb(rels, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><!--", "--></Relationships>", uncompressed);
            Entry(zip, "word/document.xml", $"<w:document xmlns:w=\"{Word}\"><w:body/></w:document>");
        }
        return stream.ToArray();
    }

    /// <summary>A DOCX of a hundred thousand tiny parts.</summary>
    public static byte[] ManyEntries(int count) =>
        Docx(writer => Write(writer, $"<w:document xmlns:w=\"{Word}\"><w:body/></w:document>"), zip =>
        {
            for (var i = 0; i < count; i++) Entry(zip, $"word/media/x{i}.bin", "x", CompressionLevel.NoCompression);
        });

    /// <summary>Elements nested <paramref name="depth"/> deep (a recursive reader overflows its stack).</summary>
    public static byte[] DeepNesting(int depth) =>
        Docx(writer =>
        {
            Write(writer, $"<w:document xmlns:w=\"{Word}\"><w:body>");
            for (var i = 0; i < depth; i++) Write(writer, "<w:sdt><w:sdtContent>");
            for (var i = 0; i < depth; i++) Write(writer, "</w:sdtContent></w:sdt>");
            Write(writer, "</w:body></w:document>");
        });

    /// <summary>"Billion laughs": entities that expand to gigabytes if a reader expands them.</summary>
    public static byte[] EntityExpansion()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a0 \"ฮ่าฮ่าฮ่าฮ่าฮ่า\">");
        for (var i = 1; i <= 12; i++) dtd.Append($"<!ENTITY a{i} \"{string.Concat(Enumerable.Repeat($"&a{i - 1};", 10))}\">");
        dtd.Append($"]><w:document xmlns:w=\"{Word}\"><w:body><w:p><w:r><w:t>&a12;</w:t></w:r></w:p></w:body></w:document>");
        return Docx(writer => Write(writer, dtd.ToString()));
    }

    /// <summary>A table of <paramref name="rows"/> rows: well inside the size limit, far beyond any plan.</summary>
    public static byte[] ManyRows(int rows) =>
        Docx(writer =>
        {
            Write(writer, $"<w:document xmlns:w=\"{Word}\"><w:body><w:tbl>");
            Write(writer, "<w:tr><w:tc><w:p><w:r><w:t>มาตรการ</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ผู้รับผิดชอบ</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ระยะเวลา</w:t></w:r></w:p></w:tc></w:tr>");
            for (var i = 0; i < rows; i++) Write(writer, $"<w:tr><w:tc><w:p><w:r><w:t>ม{i}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>");
            Write(writer, "</w:tbl></w:body></w:document>");
        });

    /// <summary>A sheet with a value in Excel's last column.</summary>
    public static byte[] WideSheet() =>
        Xlsx($"<worksheet xmlns=\"{Sheet}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>มาตรการ</t></is></c>"
            + "<c r=\"XFD1\" t=\"inlineStr\"><is><t>ผู้รับผิดชอบ</t></is></c></row></sheetData></worksheet>");

    /// <summary>Shared strings by the million (each a few bytes), so the table of them alone is the attack.</summary>
    public static byte[] ManySharedStrings(int count)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            XlsxFrame(zip, withSharedStrings: true);
            Entry(zip, "xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{Sheet}\"><sheetData/></worksheet>");
            using var entry = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            using var writer = new BufferedStream(entry, 1024 * 1024);
            Write(writer, $"<sst xmlns=\"{Sheet}\">");
            for (var i = 0; i < count; i++) Write(writer, "<si><t>ก</t></si>");
            Write(writer, "</sst>");
        }
        return stream.ToArray();
    }

    public static byte[] HugeCsv(int rows)
    {
        var text = new StringBuilder("มาตรการ,ผู้รับผิดชอบ,ระยะเวลา\n");
        for (var i = 0; i < rows; i++) text.Append("ก,ข,ค\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A file over the size limit before anything is unzipped.</summary>
    public static byte[] Oversized(int bytes)
    {
        var random = new Random(7);
        var noise = new byte[bytes];
        random.NextBytes(noise);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "word/document.xml", $"<w:document xmlns:w=\"{Word}\"><w:body/></w:document>");
            using var media = zip.CreateEntry("word/media/noise.bin", CompressionLevel.NoCompression).Open();
            media.Write(noise);
        }
        return stream.ToArray();
    }

    static void Bomb(Stream writer, string before, string after, long uncompressed)
    {
        Write(writer, before);
        var blanks = new byte[1024 * 1024];
        Array.Fill(blanks, (byte)' ');
        for (long written = 0; written < uncompressed; written += blanks.Length) writer.Write(blanks);
        Write(writer, after);
    }

    static byte[] Docx(Action<Stream> document, Action<ZipArchive>? more = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Entry(zip, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using (var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open())
            using (var writer = new BufferedStream(entry, 1024 * 1024)) document(writer);
            more?.Invoke(zip);
        }
        return stream.ToArray();
    }

    static byte[] Xlsx(string sheet)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            XlsxFrame(zip);
            Entry(zip, "xl/worksheets/sheet1.xml", sheet);
        }
        return stream.ToArray();
    }

    static void XlsxFrame(ZipArchive zip, bool withSharedStrings = false)
    {
        Entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        Entry(zip, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Entry(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Sheet}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheets><sheet name=\"แผน\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        Entry(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + (withSharedStrings ? "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "")
            + "</Relationships>");
    }

    static void Entry(ZipArchive zip, string name, string text, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        using var writer = zip.CreateEntry(name, level).Open();
        Write(writer, text);
    }

    static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
