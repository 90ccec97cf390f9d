using ItaBot.Chat;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

public sealed class ChatEngineFuzzTests
{
    /// <summary>
    /// Random Thai and Unicode text said by a unit member in their bound group, by a stranger and by an
    /// administrator in 1:1: the engine answers or stays silent, but never records, binds, registers or asks.
    /// </summary>
    [Fact]
    public async Task NonsenseNeverChangesState()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var before = await SnapshotAsync(h);
        var random = new Random(4242);
        var speakers = new[]
        {
            (ChatKind.Group, FinanceGroupId, FinanceHeadId),
            (ChatKind.User, StrangerId, StrangerId),
            (ChatKind.User, AdminId, AdminId),
        };

        for (var i = 0; i < 300; i++)
        {
            var text = UnderstandingFuzzTests.RandomText(random);
            var (kind, chat, user) = speakers[i % speakers.Length];
            await using var scope = h.App.Services.CreateAsyncScope();
            var engine = scope.ServiceProvider.GetRequiredService<ChatEngine>();

            var answer = await engine.HandleAsync(new ChatInput("default", kind, chat, user, new TextReceived(text)), default);

            Assert.True(kind == ChatKind.User || answer.Messages.Count == 0, $"The group got an answer to nonsense: {text}");
        }

        Assert.Equal(before, await SnapshotAsync(h));
    }

    static Task<string> SnapshotAsync(ChatHarness h) => h.InDbAsync(async (ItaBotDb db) => string.Join(" | ",
        await db.StatusReports.CountAsync(), await db.ChatUnits.CountAsync(), await db.UnitPeople.CountAsync(),
        await db.PendingQuestions.CountAsync(), await db.MeasureReopenings.CountAsync(), await db.ChatAudit.CountAsync(),
        await db.LineChats.CountAsync(c => c.IsAdminChat), await db.Rounds.CountAsync(r => r.State == ItaBot.Tracking.RoundState.Open),
        await db.Measures.CountAsync()));
}
