using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItaBot.Simulator;

/// <summary><c>/simulator</c>: the organization's chats; pick one and a member, type, tap, send a photo; move the clock.</summary>
public sealed class SimulatorPageModel(IServiceProvider services, IAntiforgery antiforgery, TimeProvider time) : PageModel
{
    public SimulatorWorld World { get; private set; } = null!;
    public SimulatorChat? Chat { get; private set; }
    public SimulatorPerson? Person { get; private set; }
    public string MessagesHtml { get; private set; } = "";
    public string QuickRepliesHtml { get; private set; } = "";
    public long LastId { get; private set; }
    public string Clock { get; private set; } = "";
    public string? Organization { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? chat, string? @as, CancellationToken ct)
    {
        if (services.GetService<SimulatorPlatform>() is not { } line || !SimulatorSetup.IsFromThisMachine(HttpContext)) return NotFound();
        World = line.World;
        Organization = World.Organization;
        Clock = ChatView.Clock(time.GetUtcNow());
        Chat = World.Chat(chat) ?? World.Chats.FirstOrDefault();
        if (Chat is null) return Page();
        Person = Chat.Members.FirstOrDefault(m => m.UserId == @as) ?? Chat.Members[0];
        var context = SimulatorSetup.Context(HttpContext, antiforgery, line, Chat, Person);
        var history = await line.HistoryAsync(Chat.ChatId, 0, ct);
        MessagesHtml = ChatView.Messages(history, context, World);
        QuickRepliesHtml = ChatView.QuickReplies(history, context);
        LastId = history.Count > 0 ? history[^1].Id : 0;
        return Page();
    }

    public string LinkTo(SimulatorChat chat, SimulatorPerson? person = null) =>
        $"/simulator?chat={Uri.EscapeDataString(chat.ChatId)}&as={Uri.EscapeDataString((person ?? chat.Members[0]).UserId)}";
}
