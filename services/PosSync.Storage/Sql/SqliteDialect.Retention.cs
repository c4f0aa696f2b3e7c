namespace PosSync.Storage.Sql;

/// <summary>
/// SQLite has no DELETE ... TOP: a batch is the rowids (here the id column, its alias) chosen by a
/// LIMITed sub-select on the time index. The statement runs under the write lock as a whole, so
/// nothing changes between choosing the rows and deleting them.
/// </summary>
public sealed partial class SqliteDialect
{
    protected override string DeleteOldest(string table, string alias, string condition, string oldestFirst) => $"""
        DELETE FROM {table} WHERE id IN (
            SELECT {alias}.id FROM {table} AS {alias} WHERE {condition} ORDER BY {oldestFirst} LIMIT @Count)
        """;

    protected override string CountRows => "COUNT(*)";
}
