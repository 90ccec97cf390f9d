using ItaBot.Tracking;

namespace ItaBot.Tests.Tracking;

public sealed class EntryTextTests
{
    [Theory]
    [InlineData("ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี")]
    [InlineData("จัดอบรม ๒ รุ่น (ผู้เข้าร่วม ๘๕ คน)")]
    [InlineData("ประกาศ \"เจตจำนงสุจริต\" แล้ว 😊 ดู drive.google.com/file/d/1x")]
    [InlineData("๑. จัดทำคู่มือ\n๒. เผยแพร่ทางเว็บไซต์ https://www.muangchan.go.th/ita?id=42&y=2570")]
    [InlineData("ผลสำรวจ 98.5% — “ดีมาก”")]
    public void WhatPeopleWriteIsKeptExactlyAsWritten(string text)
    {
        var kept = EntryText.Keep(text);

        Assert.Equal(text, kept.Text);
        Assert.False(kept.TooLong);
    }

    [Fact]
    public void OuterSpacesGoAndWindowsLineEndsBecomeOneLineBreak()
    {
        Assert.Equal("ก\nข\nค", EntryText.Keep("  ก\r\nข\rค \n ").Text);
    }

    [Fact]
    public void HiddenCharactersThatCouldDisguiseTextAreRemoved()
    {
        // A right-to-left override would show "fdp.exe" as "exe.pdf"; a NUL breaks XML in the DOCX.
        Assert.Equal("รายงานfdp.exe", EntryText.Keep("รายงาน\u202Efdp.exe").Text);
        Assert.Equal("ผลการดำเนินการ", EntryText.Keep("ผลการ\u0000ดำเนิน\u0007การ\u2066").Text);
        Assert.Equal("ก 😊", EntryText.Keep("ก\tX".Replace("X", "\ud83d\ude0a") + "\ud800").Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("\u202E\u0000")]
    public void NothingVisibleIsNothing(string? text)
    {
        Assert.Null(EntryText.Keep(text).Text);
    }

    [Fact]
    public void TooLongTextIsRefusedWithTheLimitAndItsLengthInThai()
    {
        var kept = EntryText.Keep(new string('ก', EntryText.MaxLength + 345));

        Assert.True(kept.TooLong);
        Assert.Contains("๒,๓๔๕", kept.TooLongMessage);
        Assert.Contains("๒,๐๐๐", kept.TooLongMessage);
        Assert.False(EntryText.Keep(new string('ก', EntryText.MaxLength)).TooLong);
    }
}
