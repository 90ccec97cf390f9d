namespace ItaBot.Simulator;

/// <summary>
/// <c>Simulator__…</c>. The simulator plays the LINE platform on loopback so ItaBot can be tried without a LINE
/// Official Account. Unset <see cref="Enabled"/> means: on exactly when no LINE channel is configured; a real
/// channel never gets a simulator beside it unless <c>Simulator__Enabled=true</c> says so.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The LINE channel name the simulator's Official Account gets (webhook <c>/line/webhook/simulator</c>).</summary>
    public const string ChannelName = "simulator";

    public bool? Enabled { get; set; }

    /// <summary>Which organization's units become the simulated groups; default: the channel's, else the only one.</summary>
    public string? Organization { get; set; }

    /// <summary>The simulated account's monthly message quota (the Thai free plan: 300).</summary>
    public long MonthlyQuota { get; set; } = 300;

    /// <summary>Largest photo or file a simulated member may send.</summary>
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whether the simulator runs, given the configuration (a command-line run never has one).</summary>
    public static bool IsOn(IConfiguration configuration)
    {
        var enabled = configuration.GetSection(Section).GetValue<bool?>(nameof(Enabled));
        if (enabled is { } explicitly) return explicitly;
        var line = configuration.GetSection(Line.LineOptions.Section).Get<Line.LineOptions>() ?? new Line.LineOptions();
        return line.AllChannels().Count == 0;
    }
}
