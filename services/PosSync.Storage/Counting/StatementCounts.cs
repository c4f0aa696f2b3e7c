namespace PosSync.Storage.Counting;

/// <summary>What a <see cref="StatementCounter"/> saw: statements and PRAGMAs by scope, and the time the database took.</summary>
public sealed record StatementCounts(IReadOnlyDictionary<string, long> Statements, IReadOnlyDictionary<string, long> Pragmas)
{
    public long StatementsIn(string scope) => Statements.GetValueOrDefault(scope);

    public long PragmasIn(string scope) => Pragmas.GetValueOrDefault(scope);

    public long TotalPragmas => Pragmas.Values.Sum();

    /// <summary>Time spent in the provider's execute calls (statements and PRAGMAs), by scope.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Time { get; init; } = new Dictionary<string, TimeSpan>();

    public TimeSpan TimeIn(string scope) => Time.GetValueOrDefault(scope);
}
