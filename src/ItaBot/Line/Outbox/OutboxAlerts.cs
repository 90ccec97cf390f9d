using System.Security.Cryptography;
using System.Text;
using ItaBot.Data;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Line;

/// <summary>
/// Why a channel stopped sending. A bad-token alert clears itself once a different token is configured; a
/// monthly-limit alert clears when the Bangkok month turns; an administrator may clear either by hand.
/// </summary>
public sealed class OutboxAlerts(ItaBotDb db, TimeProvider time, LineChannels channels, OutboxSignal signal)
{
    public Task<List<OutboxAlert>> OpenAsync(CancellationToken ct = default) =>
        db.LineAlerts.Where(a => a.ResolvedAtUtc == null).OrderBy(a => a.RaisedAtUtc).ToListAsync(ct);

    /// <summary>An administrator says the cause is fixed: clear the channel's alerts and send what was held.</summary>
    public async Task<int> ResolveAsync(string channel, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var resolved = await db.LineAlerts.Where(a => a.Channel == channel && a.ResolvedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAtUtc, now), ct);
        await db.LineOutbox.Where(m => m.Channel == channel && m.State == OutboxState.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Pending).SetProperty(m => m.NextAttemptAtUtc, now), ct);
        signal.Notify();
        return resolved;
    }

    /// <summary>Clears alerts whose cause has gone away by itself; returns the channels that may send again.</summary>
    internal async Task<IReadOnlySet<string>> BlockedChannelsAsync(CancellationToken ct)
    {
        var open = await OpenAsync(ct);
        var blocked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var thisMonth = MonthOf(time.GetUtcNow().UtcDateTime);
        foreach (var alert in open)
        {
            var gone = alert.Kind switch
            {
                OutboxAlertKind.MonthlyLimit => MonthOf(alert.RaisedAtUtc) != thisMonth,
                OutboxAlertKind.BadToken => channels.Find(alert.Channel)?.AccessToken is { Length: > 0 } token && Fingerprint(token) != alert.TokenFingerprint,
                _ => false,
            };
            if (gone) await ResolveAsync(alert.Channel, ct);
            else blocked.Add(alert.Channel);
        }
        return blocked;
    }

    internal async Task RaiseAsync(string channel, OutboxAlertKind kind, int status, string message, CancellationToken ct)
    {
        if (await db.LineAlerts.AnyAsync(a => a.Channel == channel && a.Kind == kind && a.ResolvedAtUtc == null, ct)) return;
        db.LineAlerts.Add(new OutboxAlert
        {
            Channel = channel,
            Kind = kind,
            Status = status,
            Message = message,
            TokenFingerprint = kind == OutboxAlertKind.BadToken && channels.Find(channel)?.AccessToken is { } token ? Fingerprint(token) : null,
            RaisedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    internal static string MonthOf(DateTime utc) => Bangkok.ToBangkok(utc).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
