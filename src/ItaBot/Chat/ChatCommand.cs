using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>What a chat message asks for. Parsing is pure; handlers decide what it means in a chat.</summary>
public abstract record ChatCommand
{
    /// <summary>True when carrying it out would change stored data (the parser fuzz test relies on this).</summary>
    public virtual bool ChangesState => false;
}

/// <summary>`สถานะ` / `status`, optionally followed by a unit name or a measure ("สถานะ กองคลัง", "สถานะ M1").</summary>
public sealed record ShowStatusCommand(string? Target) : ChatCommand;

public sealed record MineCommand : ChatCommand;

public sealed record HelpCommand : ChatCommand;

public sealed record EditCommand : ChatCommand;

public sealed record BindGroupCommand(IReadOnlyList<string> UnitNames) : ChatCommand
{
    public override bool ChangesState => UnitNames.Count > 0;
}

public sealed record UnbindGroupCommand : ChatCommand
{
    public override bool ChangesState => true;
}

/// <summary>`ตั้งชื่อกลุ่ม ผู้บริหาร`: an administrator names this group (for `ส่งสรุปไปกลุ่ม ผู้บริหาร`).</summary>
public sealed record NameGroupCommand(string? Name) : ChatCommand
{
    public override bool ChangesState => Name is not null;
}

public sealed record BindAdminGroupCommand : ChatCommand
{
    public override bool ChangesState => true;
}

public enum UnitRole { Head, Delegate }

public sealed record RegisterCommand(string? UnitName, UnitRole Role) : ChatCommand
{
    public override bool ChangesState => UnitName is not null;
}

/// <summary>`อนุมัติ 3` / `ปฏิเสธ 3`; without a number it lists who is waiting.</summary>
public sealed record ApproveCommand(int? RegistrationId, bool Approve) : ChatCommand
{
    public override bool ChangesState => RegistrationId is not null;
}

public sealed record SummaryCommand : ChatCommand;

/// <summary>"ใครยังไม่ส่งบ้าง": the units and measures still awaiting a report in the current round.</summary>
public sealed record OwingCommand : ChatCommand;

/// <summary>`รายงาน ๖ เดือน [๒๕๖๘]` / `report 12m`: the summary of a chosen round; without a year, the current round's fiscal year.</summary>
public sealed record RoundSummaryCommand(RoundKind Kind, int? FiscalYear) : ChatCommand;

/// <summary>`ส่งสรุปไปกลุ่ม กองคลัง` / `send summary to …`: push the current round's summary to another group; without a name it lists the groups.</summary>
public sealed record SendSummaryCommand(string? Group) : ChatCommand
{
    public override bool ChangesState => Group is not null;
}

/// <summary>"เตือนตอนนี้", "เตือนกองช่างด้วย": reminders now, to every unit that owes answers or to the units <see cref="Units"/> names.</summary>
public sealed record RemindNowCommand(string? Units = null) : ChatCommand
{
    public override bool ChangesState => true;
}

public sealed record OpenRoundCommand(RoundKind? Kind) : ChatCommand
{
    public override bool ChangesState => true;
}

/// <summary>"ปิดรอบ", "ปิดรอบ 6 เดือน": closes the current round, or the open round of that kind.</summary>
public sealed record CloseRoundCommand(RoundKind? Kind = null) : ChatCommand
{
    public override bool ChangesState => true;
}

/// <summary>`เปิดมาตรการ M1`: an administrator lets a Done measure change again in the open round.</summary>
public sealed record ReopenMeasureCommand(string? Measure) : ChatCommand
{
    public override bool ChangesState => Measure is not null;
}
