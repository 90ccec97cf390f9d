using System.Collections.Concurrent;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Line;

/// <summary>
/// The real app wired to a fake LINE server, with a handler the test scripts. Events are signed with the fake
/// clock's time, so reply tokens are fresh unless the test says otherwise.
/// </summary>
sealed class LineHarness : IAsyncDisposable
{
    // Generous: only a failing test waits this long, and a CI machine busy with other builds can take seconds per event.
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public required FakeLineServer Line { get; init; }
    public required TestApp App { get; init; }
    public required WebApplicationFactory<Program> Factory { get; init; }
    public required HttpClient Client { get; init; }
    public required HandledEvents Handled { get; init; }
    public WebhookSigner Signer => Line.CreateSigner(App.Time);
    public FakeTimeProvider Time => App.Time;
    bool OwnsLine { get; init; }

    /// <summary>Starts LINE's fake and the app; <paramref name="configure"/> adds settings (e.g. a shared database).</summary>
    /// <param name="administrators">Chats the LINE layer tells about trouble (<see cref="ILineAdministrators"/>).</param>
    public static async Task<LineHarness> StartAsync(Action<TestApp>? configure = null, bool withLine = true, HandledEvents? handled = null, FakeLineServer? line = null,
        IReadOnlyList<string>? administrators = null)
    {
        var ownsLine = line is null;
        line ??= await FakeLineServer.StartAsync();
        var app = new TestApp();
        if (withLine) app.WithLine(line);
        configure?.Invoke(app);
        handled ??= new HandledEvents();
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(handled);
            services.AddScoped<ILineEventHandler, ScriptedHandler>();
            services.AddSingleton<ILineAdministrators>(new FixedAdministrators(administrators ?? []));
        }));
        var client = factory.CreateClient();
        return new LineHarness { Line = line, App = app, Factory = factory, Client = client, Handled = handled, OwnsLine = ownsLine };
    }

    public Task<HttpResponseMessage> PostAsync(SignedWebhook webhook, string path = "/line/webhook") =>
        Client.SendAsync(webhook.CreateRequest(path));

    public async Task<T> DbAsync<T>(Func<ItaBotDb, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>line_inbox once every event acknowledged so far has been moved there from the webhook's journal.</summary>
    public async Task<List<InboxEvent>> InboxAsync()
    {
        using var cts = new CancellationTokenSource(Wait);
        await Factory.Services.GetRequiredService<InboxWriter>().MovedAsync(cts.Token);
        return await DbAsync(db => db.LineInbox.OrderBy(e => e.Id).ToListAsync());
    }
    public Task<List<OutboxMessage>> OutboxAsync() => DbAsync(db => db.LineOutbox.OrderBy(e => e.Id).ToListAsync());

    /// <summary>
    /// Polls (bounded) until the database shows what the test waits for, nudging the worker and sender meanwhile; first
    /// until what was acknowledged is in line_inbox, so "every event is done" never holds of an inbox not filled yet.
    /// </summary>
    public async Task WaitUntilAsync(Func<ItaBotDb, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        using (var cts = new CancellationTokenSource(Wait))
            await Factory.Services.GetRequiredService<InboxWriter>().MovedAsync(cts.Token);
        while (!await DbAsync(condition))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.");
            Nudge();
            await Task.Delay(20);
        }
    }

    public void Nudge()
    {
        Factory.Services.GetRequiredService<InboxSignal>().Notify();
        Factory.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    /// <summary>Moves the fake clock on, which fires the worker's and sender's timers too.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Nudge();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await App.DisposeAsync();
        if (OwnsLine) await Line.DisposeAsync();
    }
}

/// <summary>What the scripted handler saw, and what it should do with the next event.</summary>
sealed class HandledEvents
{
    public ConcurrentQueue<LineEventContext> Seen { get; } = new();
    public Func<LineEventContext, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<string> Texts => Seen.Select(c => c.Event.Message?.Text ?? c.Event.Type).ToList();
}

sealed class ScriptedHandler(HandledEvents handled) : ILineEventHandler
{
    public async Task HandleAsync(LineEventContext context, CancellationToken ct)
    {
        await handled.Behaviour(context, ct);
        handled.Seen.Enqueue(context);
    }
}

sealed class FixedAdministrators(IReadOnlyList<string> chats) : ILineAdministrators
{
    public Task<IReadOnlyList<string>> ChatIdsAsync(string channel, CancellationToken ct) => Task.FromResult(chats);
}
