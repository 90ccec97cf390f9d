using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Which organization a LINE channel serves: the one named in <c>Line:Channels:&lt;name&gt;:Organization</c>
/// (or <c>Line:Organization</c>), or, when none is named, the only organization there is.
/// </summary>
public sealed class Organizations(ItaBotDb db, IOptions<LineOptions> line)
{
    /// <summary>The organization name configured for the channel, whether or not it exists yet (a first plan import creates it).</summary>
    public string? ConfiguredName(string channel) => line.Value.OrganizationOf(channel);

    public async Task<Organization?> ForChannelAsync(string channel, CancellationToken ct)
    {
        var name = line.Value.OrganizationOf(channel);
        if (name is not null) return await db.Organizations.FirstOrDefaultAsync(o => o.Name == name, ct);
        var firstTwo = await db.Organizations.OrderBy(o => o.Id).Take(2).ToListAsync(ct);
        return firstTwo.Count == 1 ? firstTwo[0] : null;
    }
}
