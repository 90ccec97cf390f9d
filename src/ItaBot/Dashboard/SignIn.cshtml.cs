using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItaBot.Dashboard;

/// <summary><c>/admin/signin</c>: name and password; wrong ones lock the name out for a while (<see cref="SignInGuard"/>).</summary>
[EnableRateLimiting(DashboardSetup.SignInRateLimit)]
public sealed class SignInModel(SignInGuard guard, AdminAccounts accounts, IServiceProvider services) : PageModel
{
    public const string DemoAccount = "ผู้ดูแลทดลอง";

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }
    public bool NoAccounts { get; private set; }

    /// <summary>With the LINE simulator on, someone at this machine may try the dashboard without an account.</summary>
    public bool DemoAllowed => Simulator.SimulatorSetup.IsRunning(services) && Simulator.SimulatorSetup.IsFromThisMachine(HttpContext);

    public async Task OnGetAsync(CancellationToken ct) => NoAccounts = !await accounts.AnyAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await guard.SignInAsync(Name, Password, ct);
        if (outcome.Succeeded) return await SignInAsAsync(outcome.Name!);
        NoAccounts = !await accounts.AnyAsync(ct);
        Problem = outcome.Locked
            ? $"ชื่อนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง ลองใหม่ได้หลัง {ThaiUntil(outcome.LockedUntilUtc!.Value)} (หรือให้ผู้ดูแลเซิร์ฟเวอร์สั่ง admin unlock)"
            : "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง";
        Password = "";
        return Page();
    }

    public async Task<IActionResult> OnPostDemoAsync()
    {
        if (!DemoAllowed) return NotFound();
        return await SignInAsAsync(DemoAccount);
    }

    async Task<IActionResult> SignInAsAsync(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, DashboardSetup.Role)], DashboardSetup.Scheme);
        await HttpContext.SignInAsync(DashboardSetup.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/admin");
    }

    string ThaiUntil(DateTime utc) => Thai.Bangkok.ToBangkok(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " น.";
}
