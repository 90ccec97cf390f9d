using Hangfire;
using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide, and Hangfire.PostgreSql's installer takes its logger once, in a static
/// initializer. Pointing that provider at one app's logger factory failed the initializer for the life of the process
/// whenever that app had stopped by then (tests start many apps, in parallel). So the provider is set once, to this,
/// and each logger looks up the factory of the app started last at each message; a stopped app's factory logs nothing.
/// </summary>
sealed class HangfireLogs : ILogProvider
{
    static readonly HangfireLogs Instance = new();
    static volatile ILoggerFactory? _current;

    public static void Use(ILoggerFactory factory)
    {
        _current = factory;
        GlobalConfiguration.Configuration.UseLogProvider(Instance);
    }

    public ILog GetLogger(string name) => new Forwarding(name);

    sealed class Forwarding(string name) : ILog
    {
        sealed record Made(ILoggerFactory Factory, ILogger Logger);

        volatile Made? _made;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Logger() is not { } logger) return false;
            var level = logLevel switch
            {
                HangfireLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
                HangfireLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
                HangfireLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
                HangfireLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
                HangfireLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
                _ => Microsoft.Extensions.Logging.LogLevel.Critical,
            };
            if (!logger.IsEnabled(level)) return false;
            if (messageFunc is null) return true;
            logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
            return true;
        }

        ILogger? Logger()
        {
            if (_current is not { } factory) return null;
            if (_made is { } made && ReferenceEquals(made.Factory, factory)) return made.Logger;
            try
            {
                var logger = factory.CreateLogger(name);
                _made = new Made(factory, logger);
                return logger;
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }
    }
}
