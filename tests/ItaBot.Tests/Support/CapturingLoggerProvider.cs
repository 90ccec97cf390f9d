using Microsoft.Extensions.Logging;

namespace ItaBot.Tests.Support;

/// <summary>Every log line the app writes, with its structured values, so a test can check a secret is never among them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly List<string> _lines = [];
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lock (owner._lines) owner._lines.Add($"{category} {formatter(state, exception)} {structured} {exception}");
        }
    }
}
