using ItaBot.Tracking;

namespace ItaBot.Chat;

public enum ChatKind { User, Group, Room }

/// <summary>
/// A LINE conversation the bot takes part in: a 1:1 chat (its id is the user id), a group or a room.
/// One LINE channel serves one organization, so the organization is known once the chat is seen.
/// </summary>
public sealed class LineChat
{
    public int Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public ChatKind Kind { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>What administrators call the group (ตั้งชื่อกลุ่ม ผู้บริหาร), e.g. to send it the summary.</summary>
    public string? Name { get; set; }

    /// <summary>Members of an administrator chat (ผูกกลุ่มผู้ดูแล) are administrators.</summary>
    public bool IsAdminChat { get; set; }

    public DateTime JoinedAtUtc { get; set; }
    public DateTime? LeftAtUtc { get; set; }

    public List<ChatUnit> Units { get; set; } = [];
}

/// <summary>A group bound to a unit: its members may update the unit's measures and get its reminders.</summary>
public sealed class ChatUnit
{
    public int LineChatId { get; set; }
    public LineChat? Chat { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? BoundByUserId { get; set; }
    public string? BoundByName { get; set; }
    public DateTime BoundAtUtc { get; set; }
}

/// <summary>Someone seen writing in a chat. LINE's member list needs a verified account, so members are learned from events.</summary>
public sealed class ChatMember
{
    public long Id { get; set; }
    public int LineChatId { get; set; }
    public LineChat? Chat { get; set; }
    public required string UserId { get; set; }
    public string? DisplayName { get; set; }
    public DateTime FirstSeenAtUtc { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    public DateTime? LeftAtUtc { get; set; }
}

public enum RegistrationState { Pending, Approved, Rejected }

/// <summary>A head or delegate of a unit (ลงทะเบียน กองคลัง), approved by an administrator.</summary>
public sealed class UnitPerson
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string UserId { get; set; }
    public string? DisplayName { get; set; }
    public UnitRole Role { get; set; }
    public RegistrationState State { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public string? RequestedInChatId { get; set; }
    /// <summary>When this request went out in the administrators' list (<see cref="RegistrationNotices"/>); null while it waits for the next one.</summary>
    public DateTime? NotifiedAtUtc { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}

/// <summary>
/// An administrator let a Done measure change again in a round. It names the Done report it unlocks, so a
/// later Done report locks the measure again without comparing clock readings.
/// </summary>
public sealed class MeasureReopening
{
    public long Id { get; set; }
    public long StatusReportId { get; set; }
    public int MeasureId { get; set; }
    public Measure? Measure { get; set; }
    public int RoundId { get; set; }
    public Round? Round { get; set; }
    public string? ByUserId { get; set; }
    public string? ByName { get; set; }
    public string? ChatId { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>A question the bot is waiting to have answered, per (channel, chat, person); stored so it survives restarts.</summary>
public sealed class PendingQuestion
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }

    /// <summary>The question's details as JSON (see <see cref="Conversation"/>).</summary>
    public required string Data { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>A secret the app made for itself once (the postback key when none is configured).</summary>
public sealed class AppSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Who changed what, where and when, for changes made in chat other than status reports (which carry their own).</summary>
public sealed class ChatAuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public int? OrganizationId { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }
}

/// <summary>
/// The latest version of a LINE message the bot read a status from, or that was edited or unsent. Edits arrive
/// out of order (the largest timestamp is the latest): an older version never replaces a newer one, and an unsent
/// message stays withdrawn whatever edit arrives after.
/// </summary>
public sealed class ChatMessageVersion
{
    public required string Channel { get; set; }
    public required string MessageId { get; set; }
    public required string ChatId { get; set; }
    public string? UserId { get; set; }
    /// <summary>LINE's timestamp (ms) of the version last applied.</summary>
    public long Timestamp { get; set; }
    public bool Unsent { get; set; }
}
