namespace PosSync.Storage.Counting;

/// <summary>What a <see cref="StatementCounter"/> saw: statements and PRAGMAs by scope.</summary>
public sealed record StatementCounts(IReadOnlyDictionary<string, long> Statements, IReadOnlyDictionary<string, long> Pragmas)
{
    public long StatementsIn(string scope) => Statements.GetValueOrDefault(scope);

    public long PragmasIn(string scope) => Pragmas.GetValueOrDefault(scope);

    public long TotalPragmas => Pragmas.Values.Sum();
}
