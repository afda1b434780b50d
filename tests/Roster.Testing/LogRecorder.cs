using System.Collections;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Roster.Testing;

/// <summary>
/// A logger provider that keeps every line a host writes with everything a formatter could print of it: the message,
/// each structured value, every scope's values and the exception. A secret in any of them is in the text, so a test
/// (or scripts/test, over the files of a whole run) can look for it. Lines go to memory, and also to a file when a
/// path is given.
/// </summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    /// <summary>Set by scripts/test: each test host writes its log into this folder, which the script then searches.</summary>
    public const string FolderVariable = "ROSTER_TEST_LOGS";

    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly StreamWriter? _file;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public LogRecorder(string? file = null)
    {
        if (file is not null) _file = new StreamWriter(file, append: true, Encoding.UTF8) { AutoFlush = true };
    }

    /// <summary>A recorder writing to a new file in <see cref="FolderVariable"/>'s folder, or null when it is not set.</summary>
    private static LogRecorder? ForSuiteRun()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder)) return null;
        Directory.CreateDirectory(folder);
        return new LogRecorder(Path.Combine(folder, $"{Guid.NewGuid():N}.log"));
    }

    /// <summary>
    /// Under scripts/test, sends a host's log to the run's folder at Debug, which the script searches for secrets;
    /// elsewhere adds nothing. Every web host the tests start calls it, however it is built.
    /// </summary>
    public static void RecordSuiteRun(ILoggingBuilder logging)
    {
        if (ForSuiteRun() is not { } recorder) return;
        logging.AddProvider(recorder);
        logging.AddFilter<LogRecorder>(null, LogLevel.Debug);
        // Entity Framework logs every statement (its text, never its values): volume, not secrets.
        logging.AddFilter<LogRecorder>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
    }

    public string Text
    {
        get { lock (_gate) return _text.ToString(); }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private void Write(string line)
    {
        lock (_gate)
        {
            _text.AppendLine(line);
            _file?.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate) _file?.Dispose();
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            Append(line, state);
            owner._scopes.ForEachScope((scope, text) => { text.Append(" | scope: ").Append(scope); Append(text, scope); }, line);
            if (exception is not null) line.Append(" | ").Append(exception);
            owner.Write(line.ToString());
        }

        private static void Append(StringBuilder line, object? state)
        {
            if (state is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
            foreach (var (key, value) in pairs)
                line.Append(' ').Append(key).Append('=').Append(value is IEnumerable items and not string ? string.Join(",", items.Cast<object?>()) : value);
        }
    }
}
