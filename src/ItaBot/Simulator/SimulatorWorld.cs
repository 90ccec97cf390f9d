namespace ItaBot.Simulator;

public enum SimulatorChatKind { User, Group }

/// <summary>A simulated LINE user: a member of the demo organization's groups.</summary>
public sealed record SimulatorPerson(string UserId, string Name, string Role);

/// <summary>A simulated chat with the bot: a group (bot + members) or a one-to-one chat (its id is the user's).</summary>
public sealed record SimulatorChat(string ChatId, SimulatorChatKind Kind, string Name, IReadOnlyList<SimulatorPerson> Members, string? Unit, bool IsAdminGroup)
{
    public bool IsGroup => Kind == SimulatorChatKind.Group;

    /// <summary>What setting the chat up says the first time (binding the group as an administrator would).</summary>
    public string? SetupText => IsAdminGroup ? "ผูกกลุ่มผู้ดูแล" : Unit is { } unit ? $"ผูกกลุ่ม {unit}" : null;
}

/// <summary>
/// The organization as LINE would see it: one group per unit with its head, an officer and the ITA coordinator;
/// the administrators' group; and the coordinator's one-to-one chat with the bot. Ids are derived from names,
/// so the same organization gives the same chats on every start.
/// </summary>
public sealed class SimulatorWorld
{
    static readonly string[] HeadNames =
    [
        "นายสมชาย ใจดี", "นางมาลี ทองดี", "นายวิชัย มั่นคง", "นางสุดา ศรีวงศ์", "นายธนากร สุขใจ", "นางวันเพ็ญ แสงทอง",
        "นายปิยะ จันทร์เพ็ญ", "นางอรุณี พงษ์ไทย",
    ];

    static readonly string[] OfficerNames =
    [
        "นางสาวสมศรี รักงาน", "นายอนุชา บุญมา", "นางสาวพิมพ์ชนก แก้วมณี", "นายกิตติ ศักดิ์ดี", "นางสาวรัตนา พรหมมา",
        "นายณัฐพล อินทร์แก้ว", "นางสาวจันทร์จิรา ทองคำ", "นายสุรเชษฐ์ วงศ์ดี",
    ];

    public static readonly SimulatorPerson Coordinator = new(SimulatorIds.User("coordinator"), "นางสาวกานดา ศรีสุข", "ผู้ประสานงาน ITA (ผู้ดูแลระบบ)");
    static readonly SimulatorPerson Deputy = new(SimulatorIds.User("deputy"), "นายประเสริฐ วงศ์ใหญ่", "ปลัดเทศบาล");

    public SimulatorWorld(string? organization, IReadOnlyList<string> units)
    {
        Organization = organization;
        var chats = new List<SimulatorChat>
        {
            new(Coordinator.UserId, SimulatorChatKind.User, "แชตส่วนตัว: " + Coordinator.Name, [Coordinator], null, false),
            new(SimulatorIds.Group("admins"), SimulatorChatKind.Group, "ผู้ดูแลระบบ ITA", [Coordinator, Deputy], null, true),
        };
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var head = new SimulatorPerson(SimulatorIds.User("head:" + unit), HeadNames[i % HeadNames.Length], "หัวหน้า" + unit);
            var officer = new SimulatorPerson(SimulatorIds.User("officer:" + unit), OfficerNames[i % OfficerNames.Length], "เจ้าหน้าที่" + unit);
            chats.Add(new(SimulatorIds.Group("unit:" + unit), SimulatorChatKind.Group, "ITA " + unit, [head, officer, Coordinator], unit, false));
        }
        // Everyone can also talk to the bot alone (pushes to a person, e.g. after a registration, land there).
        foreach (var person in chats.SelectMany(c => c.Members).Distinct().Where(p => p != Coordinator).ToList())
            chats.Add(new(person.UserId, SimulatorChatKind.User, "แชตส่วนตัว: " + person.Name, [person], null, false));
        Chats = chats;
    }

    public string? Organization { get; }
    public IReadOnlyList<SimulatorChat> Chats { get; }

    /// <summary>The chat the coordinator is set up in first (the one-to-one chat with the bot).</summary>
    public bool NeedsFollow(SimulatorChat chat) => chat.ChatId == Coordinator.UserId;

    public SimulatorChat? Chat(string? chatId) => Chats.FirstOrDefault(c => c.ChatId == chatId);

    public SimulatorPerson? Person(string? userId) =>
        Chats.SelectMany(c => c.Members).FirstOrDefault(p => p.UserId == userId);

    /// <summary>A one-to-one chat's id is its user's; the user must exist.</summary>
    public bool IsUser(string id) => Person(id) is not null;

    /// <summary>What a push to this chat costs: one per member, the bot not counted.</summary>
    public int Recipients(string chatId) => Chat(chatId) is { IsGroup: true } group ? group.Members.Count : 1;
}
