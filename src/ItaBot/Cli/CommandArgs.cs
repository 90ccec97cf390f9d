namespace ItaBot.Cli;

/// <summary>Positional arguments and `--name value` / `--flag` options of one command.</summary>
public sealed class CommandArgs
{
    readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);
    public List<string> Positional { get; } = [];

    public CommandArgs(string[] args, params string[] flags)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { Positional.Add(arg); continue; }
            var name = arg[2..];
            var eq = name.IndexOf('=');
            if (eq >= 0) _options[name[..eq]] = name[(eq + 1)..];
            else if (flags.Contains(name, StringComparer.OrdinalIgnoreCase) || i + 1 >= args.Length) _options[name] = null;
            else _options[name] = args[++i];
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);
    public string? this[string name] => _options.GetValueOrDefault(name);
}
