using Xunit.Abstractions;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>
/// The whole corpus (tests/fixtures/chat/corpus-*.jsonl: messages as Thai civil servants write them in LINE groups,
/// each with its expected outcome) through the signed webhook against the fake LINE server.
/// </summary>
public sealed class ChatCorpusTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Corpus")]
    public async Task TheCorpusRecordsNoStatusNobodyReportedAndAnswersNoChatter()
    {
        var cases = CorpusCase.Load();
        await using var world = await CorpusWorld.StartAsync();

        var runner = new CorpusRunner(world);
        var outcomes = await runner.RunAsync(cases);
        var score = CorpusScore.Of(outcomes);
        output.WriteLine(score.Summary());
        output.WriteLine($"time: resetting {runner.Resetting.Elapsed.TotalSeconds:0.0} s, sending {runner.Sending.Elapsed.TotalSeconds:0.0} s, observing {runner.Observing.Elapsed.TotalSeconds:0.0} s");
        // CI keeps the counts and every failing message beside the screenshots.
        var path = Environment.GetEnvironmentVariable("ITABOT_CORPUS_REPORT")
            ?? (Environment.GetEnvironmentVariable("ITABOT_ARTIFACTS_DIR") is { Length: > 0 } artifacts ? Path.Combine(artifacts, "chat-corpus.txt") : null);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, score.Summary() + $"time: resetting {runner.Resetting.Elapsed.TotalSeconds:0.0} s, sending {runner.Sending.Elapsed.TotalSeconds:0.0} s, observing {runner.Observing.Elapsed.TotalSeconds:0.0} s\n");
        }

        Assert.True(score.Messages >= 300, $"The corpus has only {score.Messages} messages");
        Assert.Equal(0, score.WrongRecords);
        Assert.Equal(0, score.WrongAttachments);
        Assert.True(score.MediaMessages == 0 || score.MissedAttachments * 20 <= score.AttachedAsExpected + score.MissedAttachments,
            $"{score.MissedAttachments} photos or files meant as evidence were not attached");
        Assert.Equal(0, score.RepliesToChatter);
        Assert.Equal(0, score.FragmentsSaved);
        Assert.True(score.MissedShare <= 0.05, $"{score.Missed} of {score.MeantAsReport} messages meant as reports were neither recorded nor asked back");
    }
}
