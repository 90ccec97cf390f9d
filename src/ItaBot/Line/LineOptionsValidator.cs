using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>
/// Rejects configuration that is wrong (bad URLs, unusable channel names, empty secrets), but not
/// configuration that is merely missing: a fresh machine with no LINE channel must still start.
/// Messages name the setting, never its value.
/// </summary>
public sealed partial class LineOptionsValidator : IValidateOptions<LineOptions>
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ChannelName();

    public ValidateOptionsResult Validate(string? name, LineOptions options)
    {
        var errors = new List<string>();
        CheckUrl(errors, "Line__ApiBaseUrl", options.ApiBaseUrl);
        CheckUrl(errors, "Line__DataApiBaseUrl", options.DataApiBaseUrl);
        CheckNotBlank(errors, "Line__ChannelSecret", options.ChannelSecret);
        CheckNotBlank(errors, "Line__ChannelAccessToken", options.ChannelAccessToken);

        var defaultConfigured = !string.IsNullOrEmpty(options.ChannelSecret) || !string.IsNullOrEmpty(options.ChannelAccessToken);
        foreach (var (channelName, channel) in options.Channels)
        {
            var prefix = $"Line__Channels__{channelName}__";
            if (!ChannelName().IsMatch(channelName))
                errors.Add($"LINE channel name '{channelName}' may only use letters, digits, '-' and '_' (it becomes part of the webhook URL).");
            if (defaultConfigured && string.Equals(channelName, LineOptions.DefaultChannelName, StringComparison.OrdinalIgnoreCase))
                errors.Add($"LINE channel '{channelName}' clashes with the default channel (Line__ChannelSecret/Line__ChannelAccessToken); rename it.");
            if (string.IsNullOrEmpty(channel.ChannelSecret) && string.IsNullOrEmpty(channel.ChannelAccessToken))
                errors.Add($"LINE channel '{channelName}' has neither {prefix}ChannelSecret nor {prefix}ChannelAccessToken.");
            CheckNotBlank(errors, prefix + "ChannelSecret", channel.ChannelSecret);
            CheckNotBlank(errors, prefix + "ChannelAccessToken", channel.ChannelAccessToken);
            if (channel.ApiBaseUrl is not null) CheckUrl(errors, prefix + "ApiBaseUrl", channel.ApiBaseUrl);
            if (channel.DataApiBaseUrl is not null) CheckUrl(errors, prefix + "DataApiBaseUrl", channel.DataApiBaseUrl);
        }

        var inbox = options.Inbox;
        if (inbox.MaxAttempts < 1) errors.Add("Line__Inbox__MaxAttempts must be at least 1.");
        if (inbox.Concurrency < 1) errors.Add("Line__Inbox__Concurrency must be at least 1.");
        CheckPositive(errors, "Line__Inbox__RetryBaseDelay", inbox.RetryBaseDelay);
        CheckPositive(errors, "Line__Inbox__Lease", inbox.Lease);
        CheckPositive(errors, "Line__Inbox__PollInterval", inbox.PollInterval);
        if (inbox.BatchWindow < TimeSpan.Zero || inbox.BatchWindow > TimeSpan.FromSeconds(1))
            errors.Add("Line__Inbox__BatchWindow must be between 0 and 1 second.");

        var outbox = options.Outbox;
        if (outbox.RequestsPerSecond is <= 0 or > 1800 || double.IsNaN(outbox.RequestsPerSecond))
            errors.Add("Line__Outbox__RequestsPerSecond must be above 0 and at most 1800 (LINE allows 2,000 per channel; bursts may add a tenth).");
        if (outbox.Concurrency < 1) errors.Add("Line__Outbox__Concurrency must be at least 1.");
        CheckPositive(errors, "Line__Outbox__RetryBaseDelay", outbox.RetryBaseDelay);
        CheckPositive(errors, "Line__Outbox__Lease", outbox.Lease);
        CheckPositive(errors, "Line__Outbox__PollInterval", outbox.PollInterval);
        CheckPositive(errors, "Line__Outbox__StaleAfter", outbox.StaleAfter);
        CheckPositive(errors, "Line__Outbox__ReplyStaleAfter", outbox.ReplyStaleAfter);
        CheckPositive(errors, "Line__Outbox__RequestTimeout", outbox.RequestTimeout);
        CheckPositive(errors, "Line__Outbox__ReplyAttemptTimeout", outbox.ReplyAttemptTimeout);
        if (outbox.StaleAfter > TimeSpan.FromHours(24))
            errors.Add("Line__Outbox__StaleAfter must be at most 24 hours (LINE keeps a retry key that long; later retries could send twice).");

        if (options.AdminApiKey is { Length: > 0 and < 16 })
            errors.Add("Line__AdminApiKey must be at least 16 characters long.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static void CheckUrl(List<string> errors, string setting, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{setting} must be an absolute http(s) URL.");
    }

    static void CheckNotBlank(List<string> errors, string setting, string? value)
    {
        // Empty counts as not set (a blank variable in a compose file); spaces alone are a copy-paste mistake.
        if (value is { Length: > 0 } && string.IsNullOrWhiteSpace(value))
            errors.Add($"{setting} is only spaces.");
    }

    static void CheckPositive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{setting} must be positive.");
    }
}
