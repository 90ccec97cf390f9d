namespace ItaBot.Line.Api;

/// <summary>One message LINE accepted in a reply or push; the quote token lets a later message quote it.</summary>
public sealed record LineSentMessage(string Id, string? QuoteToken);

public sealed record LineProfile(string UserId, string DisplayName, string? PictureUrl, string? StatusMessage, string? Language);

public sealed record LineGroupSummary(string GroupId, string GroupName, string? PictureUrl);

public sealed record LineGroupMemberProfile(string UserId, string DisplayName, string? PictureUrl);

/// <summary>A file, image, video or audio a user sent, downloaded from api-data.</summary>
public sealed record LineMessageContent(byte[] Content, string ContentType);

/// <summary>The month's target: <c>limited</c> with <see cref="Value"/> messages, or <c>none</c>.</summary>
public sealed record LineQuota(string Type, long? Value)
{
    public bool IsLimited => Type == "limited";
}

/// <summary>Messages counted against the quota this month (each push counts once per recipient).</summary>
public sealed record LineQuotaConsumption(long TotalUsage);
