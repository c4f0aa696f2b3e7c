namespace PosSync.Testing.Sql;

/// <summary>A view as the SQL Server migrations leave it: its two-part name, its columns, and the CREATE VIEW statement that made it.</summary>
public sealed record ViewDefinition(string Name, IReadOnlyList<string> Columns, MigrationStatement Source)
{
    /// <summary>The name without its schema, as the SQLite migrations name the same view.</summary>
    public string BaseName => Name[(Name.IndexOf('.') + 1)..];

    public bool Has(string column) => Columns.Contains(column, StringComparer.OrdinalIgnoreCase);
}
