using Microsoft.Playwright;

namespace ItaBot.Tests.Support.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>ITABOT_CHROMIUM</c>) driven by Playwright, headless, for the
/// Browser test category: Playwright's own browser download does not work here. Screenshots go to
/// <see cref="ArtifactsFolder"/> so CI keeps them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>A phone as people hold it when they open a link from LINE.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };

    readonly IPlaywright _playwright;

    BrowserSession(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static string ChromiumPath => Environment.GetEnvironmentVariable("ITABOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary><c>ITABOT_ARTIFACTS_DIR</c>, else <c>artifacts/</c> beside the test binaries.</summary>
    public static string ArtifactsFolder =>
        Environment.GetEnvironmentVariable("ITABOT_ARTIFACTS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: install Debian's 'chromium' package (.ci/run does) or set ITABOT_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine's network is closed: without these Chromium keeps trying Google's services.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh page (its own cookies) of the given size, Thai locale, Bangkok time.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize size)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = size, Locale = "th-TH", TimezoneId = "Asia/Bangkok", IsMobile = size.Width < 700, HasTouch = size.Width < 700,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as an artifact and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>True when the page is wider than its viewport (someone on a phone would have to scroll sideways).</summary>
    public static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
