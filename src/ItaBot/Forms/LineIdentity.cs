using System.Text.Json;

namespace ItaBot.Forms;

/// <summary>Who LINE says opened the LIFF app: the user id an ID token was issued for, if LINE vouches for it.</summary>
public interface ILineIdentity
{
    /// <returns>The LINE user id (<c>sub</c>), or null when LINE does not accept the token for this LIFF app.</returns>
    Task<string?> VerifyAsync(string idToken, string liffId, CancellationToken ct);
}

/// <summary>
/// Asks LINE Login to verify a LIFF ID token (<c>POST /oauth2/v2.1/verify</c>); the channel id is the part of the
/// LIFF id before its dash. The token is sent in the body, never logged.
/// </summary>
public sealed class LineLoginIdentity(HttpClient http, Microsoft.Extensions.Options.IOptions<Line.LineOptions> line) : ILineIdentity
{
    public async Task<string?> VerifyAsync(string idToken, string liffId, CancellationToken ct)
    {
        var dash = liffId.IndexOf('-');
        if (dash <= 0) return null;
        using var body = new FormUrlEncodedContent([new("id_token", idToken), new("client_id", liffId[..dash])]);
        try
        {
            using var response = await http.PostAsync(new Uri(line.Value.ApiBaseUrl, "oauth2/v2.1/verify"), body, ct);
            if (!response.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            return json.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
