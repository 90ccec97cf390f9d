using System.Buffers.Binary;
using ItaBot.Tracking.Evidence;
using static ItaBot.Tests.Tracking.VideoSamples;

namespace ItaBot.Tests.Tracking;

/// <summary>MP4/MOV location and camera metadata removed without moving the picture; hostile files refused.</summary>
public sealed class VideoMetadataTests
{
    static byte[] Strip(byte[] video)
    {
        using var output = new MemoryStream();
        VideoMetadata.Strip(new MemoryStream(video), output);
        return output.ToArray();
    }

    static async Task<(ReceivedFile? File, string? Refusal, byte[] Kept)> TakeAsync(byte[] bytes, string name)
    {
        var result = await EvidenceIntake.AcceptAsync(new MemoryStream(bytes), name, CancellationToken.None, EvidenceLimits.MaxVideoBytes);
        if (result.File is null) return (null, result.Refusal, []);
        using var kept = new MemoryStream();
        await using (var content = result.File.OpenRead()) await content.CopyToAsync(kept);
        await result.File.DisposeAsync();
        return (result.File, null, kept.ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void APhoneVideoLosesItsPlaceCameraXmpAndGpsTrackButKeepsItsPictureWhereItWas(bool largeMdat, bool moovFirst)
    {
        var phone = Phone(largeMdat: largeMdat, moovFirst: moovFirst);
        Assert.All(Secrets, secret => Assert.True(Contains(phone, secret), secret));

        var kept = Strip(phone);

        Assert.All(Secrets, secret => Assert.False(Contains(kept, secret), $"\"{secret}\" is still in the video"));
        // Nothing moved: same size, and the video track's chunk offset still points at its frame.
        Assert.Equal(phone.Length, kept.Length);
        var offset = FirstChunkOffset(kept);
        Assert.Equal(Frame, kept.AsSpan((int)offset, Frame.Length).ToArray());
        Assert.True(Contains(kept, "AUDIO-SAMPLE-01"));
        // When it was shot: the movie, track and media headers' times are zero.
        var mvhd = IndexOf(kept, "mvhd"u8.ToArray());
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(kept.AsSpan(mvhd + 8)));
        Assert.Empty(VideoMetadata.Plan(new MemoryStream(kept)));
    }

    [Fact]
    public void AVideoWithNothingToRemoveComesOutByteForByte()
    {
        var clean = Clean();

        Assert.Empty(VideoMetadata.Plan(new MemoryStream(clean)));
        Assert.Equal(clean, Strip(clean));
    }

    [Fact]
    public void RemovedBoxesBecomeFreeBoxesOfTheSameSize()
    {
        var phone = Phone();

        var kept = Strip(phone);

        // The top-level boxes are the same in number and size; udta, meta and uuid became free.
        var before = TopLevel(phone);
        var after = TopLevel(kept);
        Assert.Equal(before.Select(b => b.Size), after.Select(b => b.Size));
        Assert.Equal(["ftyp", "mdat", "moov", "free"], after.Select(b => b.Type));
        Assert.False(Contains(kept, "udta"));
        Assert.False(Contains(kept, "uuid"));
    }

    [Theory]
    [InlineData("qt  ", "video/quicktime", "IMG_0412.MOV")]
    [InlineData("mp42", "video/mp4", "VID_20250303_091500.mp4")]
    [InlineData("3gp4", "video/3gpp", "video.3gp")]
    [InlineData("isom", "video/mp4", "วิดีโอ")]
    public async Task IntakeKnowsVideosByTheirContentAndStripsThem(string brand, string type, string name)
    {
        var (file, refusal, kept) = await TakeAsync(Phone(brand), name);

        Assert.Null(refusal);
        Assert.Equal(type, file!.Type.ContentType);
        Assert.Equal(EvidenceKind.Video, file.Type.Kind);
        Assert.All(Secrets, secret => Assert.False(Contains(kept, secret), secret));
        Assert.Contains(file.Type.Extensions, e => file.FileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AVideoIsTakenUpToItsOwnLimitButOtherFilesStayWithinTenMegabytes()
    {
        var video = Phone();
        var pdf = new byte[EvidenceLimits.MaxFileBytes + 1];
        EvidenceSamples.Pdf.CopyTo(pdf, 0);

        var tooBigVideo = await EvidenceIntake.AcceptAsync(new Endless(video, EvidenceLimits.MaxVideoBytes + 1), "อบรม.mp4", default, EvidenceLimits.MaxVideoBytes);
        var bigPdf = await TakeAsync(pdf, "ประกาศ.pdf");
        var chatVideoAtTheCommonLimit = await EvidenceIntake.AcceptAsync(new MemoryStream(video), "อบรม.mp4", default);

        Assert.Equal(EvidenceLimits.VideoTooLarge("อบรม.mp4"), tooBigVideo.Refusal);
        Assert.Contains("๑๐๐ MB", tooBigVideo.Refusal);
        Assert.Equal(EvidenceLimits.TooLarge("ประกาศ.pdf"), bigPdf.Refusal);
        Assert.NotNull(chatVideoAtTheCommonLimit.File);
        await chatVideoAtTheCommonLimit.File!.DisposeAsync();
    }

    public static TheoryData<string, byte[]> Hostile() => new()
    {
        { "a box running past the end of the file", [.. Ftyp(), .. U32(4096), .. "moov"u8, .. new byte[40]] },
        { "a box smaller than its header", [.. Ftyp(), .. U32(4), .. "moov"u8, .. new byte[40]] },
        { "a size of zero inside the movie box", [.. Ftyp(), .. Box("moov", [.. U32(0), .. "trak"u8, .. new byte[16]])] },
        { "a 64-bit size beyond any file", [.. Ftyp(), .. U32(1), .. "mdat"u8, .. U64(ulong.MaxValue - 7), .. new byte[8]] },
        { "a 64-bit size smaller than its header", [.. Ftyp(), .. U32(1), .. "mdat"u8, .. U64(8), .. new byte[8]] },
        { "a 64-bit size cut short", [.. Ftyp(), .. U32(1), .. "mdat"u8, 0, 0] },
        { "no movie box", [.. Ftyp(), .. Box("mdat", Frame)] },
        { "two movie boxes", [.. Clean(), .. Clean()[Ftyp("mp42").Length..]] },
        { "a file cut in the middle of its movie box", Phone()[..^60] },
        { "bytes after the last box", [.. Clean(), 1, 2, 3] },
        { "boxes nested a thousand deep", [.. Ftyp(), .. Box("moov", Box("trak", Nest(1000)))] },
        { "a track without a handler", [.. Ftyp(), .. Box("moov", Box("trak", Full("tkhd", 0, new byte[80])))] },
        { "a GPS track whose chunk table counts more than it holds", GpsTrack(U32(0, 1_000_000, 40)) },
        { "a GPS track whose samples lie outside the media data", GpsTrack(U32(0, 1, 8)) },
        { "a GPS track in a fragmented file", [.. Phone(), .. Box("moof", Full("mfhd", 0, U32(1)))] },
        { "not a video at all", "%PDF-1.4 hello"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AHostileOrBrokenVideoIsRefusedInThaiAndNeverStored(string what, byte[] file)
    {
        Assert.Throws<VideoMetadata.DamagedVideoException>(() => Strip(file));
        var start = file.Length >= 12 && file.AsSpan(4, 4).SequenceEqual("ftyp"u8);
        if (!start) return;
        var (kept, refusal, _) = await TakeAsync(file, "อบรม.mp4");

        Assert.Null(kept);
        Assert.True(refusal == EvidenceIntake.DamagedVideo("อบรม.mp4"), $"{what}: {refusal}");
        Assert.Contains("ลบข้อมูลตำแหน่งที่ถ่ายออกไม่ได้", refusal);
    }

    [Fact]
    public void RandomDamageToAPhoneVideoIsRefusedOrCleanedNeverAnythingElse()
    {
        var phone = Phone();
        var random = new Random(20261202);
        var refused = 0;
        for (var i = 0; i < 3000; i++)
        {
            var damaged = phone.ToArray();
            for (var n = random.Next(1, 4); n > 0; n--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            try
            {
                var kept = Strip(damaged);
                Assert.Equal(damaged.Length, kept.Length);
                Assert.Empty(VideoMetadata.Plan(new MemoryStream(kept)));
            }
            catch (VideoMetadata.DamagedVideoException)
            {
                refused++;
            }
        }
        Assert.InRange(refused, 1, 2999);
    }

    /// <summary>A stream of <paramref name="length"/> bytes starting with <paramref name="start"/>, made as it is read.</summary>
    sealed class Endless(byte[] start, long length) : Stream
    {
        long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < start.Length ? start[_position + i] : (byte)0;
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static byte[] Nest(int depth)
    {
        var box = Full("elst", 0, U32(0));
        for (var i = 0; i < depth; i++) box = Box("edts", box);
        return box;
    }

    /// <summary>A file whose only track is GPS data with the given stsz payload after version/flags.</summary>
    static byte[] GpsTrack(byte[] stszEntries)
    {
        var ftyp = Ftyp();
        var mdat = Box("mdat", "$GPRMC"u8.ToArray());
        var moov = Box("moov",
            Full("mvhd", 0, new byte[96]),
            Box("trak", Full("tkhd", 0, new byte[80]), Box("mdia", Full("mdhd", 0, new byte[20]), Full("hdlr", 0, U32(0), "meta"u8.ToArray(), new byte[13]),
                Box("minf", Box("stbl",
                    Full("stsc", 0, U32(1, 1, 1, 1)),
                    Full("stsz", 0, stszEntries),
                    Full("stco", 0, U32(1, 4_000_000)))))));
        return [.. ftyp, .. mdat, .. moov];
    }

    static List<(string Type, long Size)> TopLevel(byte[] file)
    {
        var boxes = new List<(string, long)>();
        for (var at = 0; at < file.Length;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            if (size == 1) size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at + 8));
            boxes.Add((System.Text.Encoding.Latin1.GetString(file, at + 4, 4), size));
            at += (int)size;
        }
        return boxes;
    }
}
