using System.ComponentModel.DataAnnotations;

namespace ItaBot.Chat;

/// <summary>Chat behaviour settings (<c>Chat__…</c>).</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>How long a follow-up question waits for its answer.</summary>
    [Range(1, 7 * 24 * 60)]
    public int PendingQuestionMinutes { get; set; } = 30;

    /// <summary>How long reporters may undo or change their own record (ยกเลิก, the confirmation's button, a new status).</summary>
    [Range(1, 24 * 60)]
    public int CorrectionMinutes { get; set; } = 30;

    /// <summary>How long after a reminder a code-less "เสร็จแล้วค่ะ" in its chat is read as an answer to it.</summary>
    [Range(0, 24 * 60)]
    public int ReminderAnswerMinutes { get; set; } = 120;

    /// <summary>How long after a person's own status message a photo, video or file they send is read as its evidence.</summary>
    [Range(0, 24 * 60)]
    public int EvidenceMinutes { get; set; } = 10;

    /// <summary>
    /// How long before a person's own status a photo, video or file they sent in that chat is held for it (0: never
    /// held). Off by default: holding means downloading every photo a member posts in a bound group before anyone
    /// knows it is evidence, and a group's photos that follow nothing are not the bot's to touch; an agency opts in.
    /// </summary>
    [Range(0, 24 * 60)]
    public int EarlyEvidenceMinutes { get; set; }

    /// <summary>The bot's name as people type it after "@" (LINE marks real mentions itself; this catches typed ones).</summary>
    public string BotName { get; set; } = "ItaBot";

    /// <summary>Key for postback MACs; when absent the app makes one and keeps it in the database.</summary>
    public string? PostbackKey { get; set; }

    /// <summary>Registration requests waiting per unit; more are refused until an administrator decides (each list of them costs quota).</summary>
    [Range(1, 1000)]
    public int MaxPendingRegistrationsPerUnit { get; set; } = 5;

    /// <summary>Registration requests one LINE account may make in 24 hours.</summary>
    [Range(1, 1000)]
    public int MaxRegistrationsPerUserPerDay { get; set; } = 3;

    /// <summary>Buttons older than this answer with a friendly "please open a fresh card".</summary>
    [Range(1, 366)]
    public int PostbackMaxAgeDays { get; set; } = 30;
}

/// <summary>Administrators by LINE user id (<c>Admin__LineUserIds__0</c>, <c>__1</c>, …).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public List<string> LineUserIds { get; set; } = [];
}
