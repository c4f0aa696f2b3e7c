using Dapper;
using PosSync.Storage;

namespace PosSync.Testing.Sql;

/// <summary>The tables a migrated SQLite file holds, as SQLite itself reports them (sqlite_master and its table pragmas).</summary>
public static class SqliteSchema
{
    /// <summary>Every table but SQLite's own and the runner's schema_versions (SQL Server's is made by the runner too, not a script).</summary>
    public static async Task<IReadOnlyDictionary<string, TableShape>> ReadAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var tables = new Dictionary<string, TableShape>(StringComparer.OrdinalIgnoreCase);
        var names = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_versions'");
        foreach (var name in names)
        {
            var table = tables[name] = new TableShape();
            var columns = (await connection.QueryAsync<(string Name, long Pk)>(
                "SELECT name, pk FROM pragma_table_info(@name) ORDER BY cid", new { name })).ToList();
            table.Columns.AddRange(columns.Select(c => c.Name));
            var key = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (key.Count > 0) table.Indexes[TableShape.PrimaryKey] = new IndexShape(key, true, false);
            var indexes = await connection.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@name)", new { name });
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                if (index.Origin != "c")
                    throw new InvalidOperationException($"{name}: a UNIQUE constraint has no name to compare; write it as CREATE UNIQUE INDEX");
                var keyColumns = await connection.QueryAsync<string>(
                    "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index = index.Name });
                table.Indexes[index.Name] = new IndexShape(keyColumns.ToList(), index.Unique == 1, index.Partial == 1);
            }
        }
        return tables;
    }
}
