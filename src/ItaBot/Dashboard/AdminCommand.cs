namespace ItaBot.Dashboard;

/// <summary>
/// <c>admin add-user NAME</c> (asks for the password twice, or reads one line from standard input with
/// <c>--password-stdin</c>), <c>admin remove-user NAME</c>, <c>admin list-users</c>, <c>admin unlock NAME</c>.
/// Exit 0 done, 1 refused, 2 bad arguments.
/// </summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var parsed = new Cli.CommandArgs(args, "password-stdin");
        if (parsed.Positional.Count == 0) return Usage();
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        switch (parsed.Positional[0])
        {
            case "add-user" when parsed.Positional.Count == 2:
            {
                var name = parsed.Positional[1];
                var password = parsed.Has("password-stdin") || Console.IsInputRedirected ? Console.In.ReadLine() ?? "" : AskTwice();
                if (password is null) { Console.Error.WriteLine("Passwords did not match / รหัสผ่านสองครั้งไม่ตรงกัน"); return 1; }
                if (await accounts.AddOrUpdateAsync(name, password, ct) is { } problem) { Console.Error.WriteLine(problem); return 1; }
                await scope.ServiceProvider.GetRequiredService<SignInGuard>().UnlockAsync(name, ct);
                Console.WriteLine($"Administrator '{name.Trim()}' can sign in at /admin/signin. / เพิ่มผู้ดูแล '{name.Trim()}' แล้ว");
                Console.WriteLine("To configure the account instead (e.g. in a container), set:");
                Console.WriteLine($"  Admin__Users__0__Name={name.Trim()}");
                Console.WriteLine($"  Admin__Users__0__PasswordHash={AdminAccounts.Hash(password)}");
                return 0;
            }
            case "remove-user" when parsed.Positional.Count == 2:
                if (await accounts.RemoveAsync(parsed.Positional[1], ct)) { Console.WriteLine($"Removed '{parsed.Positional[1]}'."); return 0; }
                Console.Error.WriteLine($"No account '{parsed.Positional[1]}' in the database (configured ones are removed from configuration).");
                return 1;
            case "list-users" when parsed.Positional.Count == 1:
                foreach (var name in await accounts.NamesAsync(ct)) Console.WriteLine(name);
                return 0;
            case "unlock" when parsed.Positional.Count == 2:
                await scope.ServiceProvider.GetRequiredService<SignInGuard>().UnlockAsync(parsed.Positional[1], ct);
                Console.WriteLine($"'{parsed.Positional[1]}' may sign in again.");
                return 0;
            default:
                return Usage();
        }
    }

    static string? AskTwice()
    {
        var first = Ask("Password / รหัสผ่าน: ");
        var second = Ask("Again / อีกครั้ง: ");
        return first == second ? first : null;
    }

    static string Ask(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: admin add-user NAME [--password-stdin] | admin remove-user NAME | admin list-users | admin unlock NAME");
        return 2;
    }
}
