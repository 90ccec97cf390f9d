using Microsoft.Playwright;

namespace ItaBot.Tests.Dashboard;

/// <summary>
/// What a page did wrong while a test used it: Content-Security-Policy refusals (the browser's
/// <c>securitypolicyviolation</c> event, listened for by a script Playwright injects outside the page's policy),
/// script errors, console errors and failed loads. The browser's own favicon probe does not count.
/// </summary>
public sealed class PageProblems
{
    readonly List<string> _seen = [];

    public IReadOnlyList<string> Seen { get { lock (_seen) return [.. _seen]; } }

    public IEnumerable<string> CspViolations => Seen.Where(s => s.StartsWith("CSP ", StringComparison.Ordinal));

    public static async Task<PageProblems> WatchAsync(IPage page)
    {
        var problems = new PageProblems();
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', function (e) {
              console.error('CSP ' + e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || location.pathname) + ':' + e.lineNumber);
            });
            """);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) problems.Add(m.Text);
        };
        page.PageError += (_, e) => problems.Add("script error: " + e);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) problems.Add($"{r.Status} {r.Url}");
        };
        return problems;
    }

    void Add(string problem) { lock (_seen) _seen.Add(problem); }

    public void Clear() { lock (_seen) _seen.Clear(); }
}
