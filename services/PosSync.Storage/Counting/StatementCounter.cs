using System.Diagnostics;

namespace PosSync.Storage.Counting;

/// <summary>
/// Counts the statements sent to the database, by the scope they were sent in (a pipeline stage:
/// "ingest", "reconcile", "export"; <see cref="Unscoped"/> otherwise), with PRAGMAs apart. A round
/// trip is one statement whatever its text; a PRAGMA command counts one per PRAGMA it holds. The
/// scope flows with the async work (set around a stage's message), so concurrent days of one stage
/// add up under that stage. Used by <c>possync bench pipeline</c> and by the statement-count tests,
/// through <see cref="Database.CountingStatements"/>.
/// </summary>
public sealed class StatementCounter
{
    public const string Unscoped = "other";

    private static readonly AsyncLocal<string?> CurrentScope = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pragmas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _time = new(StringComparer.Ordinal);

    /// <summary>Statements sent until the returned scope is disposed count under <paramref name="scope"/>.</summary>
    public static IDisposable Within(string scope)
    {
        var outer = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(outer);
    }

    public void Record(string? commandText)
    {
        var scope = CurrentScope.Value ?? Unscoped;
        var pragmas = PragmasIn(commandText);
        lock (_gate)
        {
            var counts = pragmas > 0 ? _pragmas : _statements;
            counts[scope] = counts.GetValueOrDefault(scope) + Math.Max(pragmas, 1);
        }
    }

    /// <summary>Counts the command (<see cref="Record"/>) and, once the returned run is disposed, the time it took, under the same scope.</summary>
    public StatementRun Run(string? commandText)
    {
        Record(commandText);
        return new StatementRun(this, CurrentScope.Value ?? Unscoped, Stopwatch.GetTimestamp());
    }

    private void Took(string scope, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        lock (_gate) _time[scope] = _time.GetValueOrDefault(scope) + elapsed;
    }

    /// <summary>One command on its way: disposed when the provider has answered.</summary>
    public readonly struct StatementRun(StatementCounter counter, string scope, long started) : IDisposable
    {
        public void Dispose() => counter.Took(scope, started);
    }

    public StatementCounts Snapshot()
    {
        lock (_gate)
            return new StatementCounts(new Dictionary<string, long>(_statements), new Dictionary<string, long>(_pragmas))
            {
                Time = new Dictionary<string, TimeSpan>(_time),
            };
    }

    public void Reset()
    {
        lock (_gate)
        {
            _statements.Clear();
            _pragmas.Clear();
            _time.Clear();
        }
    }

    /// <summary>How many PRAGMA statements a command holds (0: an ordinary statement).</summary>
    public static int PragmasIn(string? commandText) =>
        commandText is null ? 0 : commandText.Split(';').Count(s => s.TrimStart().StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase));

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = outer;
    }
}
