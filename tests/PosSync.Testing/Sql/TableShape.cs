namespace PosSync.Testing.Sql;

/// <summary>
/// What a table is, as both engines can be compared on it: its columns and its indexes by name
/// (case-insensitive: SQL Server's IX_ is SQLite's ix_). Types are the engine's own and left out.
/// </summary>
public sealed class TableShape
{
    /// <summary>The name the primary key is listed under in <see cref="Indexes"/>: SQL Server names it, SQLite does not.</summary>
    public const string PrimaryKey = "(primary key)";

    public List<string> Columns { get; } = [];

    public Dictionary<string, IndexShape> Indexes { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>An index's key columns in order, whether it is unique, and whether it covers only the rows of a WHERE.</summary>
public sealed record IndexShape(IReadOnlyList<string> Columns, bool Unique, bool Filtered)
{
    public override string ToString() =>
        $"{(Unique ? "unique " : "")}({string.Join(", ", Columns)}){(Filtered ? " filtered" : "")}";
}
