using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace PosSync.Storage.Migrations;

/// <summary>
/// Applies the embedded NNNN_name.sql scripts of the engine in order, each in its own transaction,
/// recording each in schema_versions. Safe to run from several processes: SQL Server serialises on
/// an application lock, SQLite on its write lock. Scripts are never edited once released.
/// </summary>
public static partial class MigrationRunner
{
    public static IReadOnlyList<Migration> Scripts(StorageEngine engine)
    {
        var folder = engine == StorageEngine.SqlServer ? "SqlServer" : "Sqlite";
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var match = ScriptName().Match(file);
                if (!match.Success) throw new InvalidOperationException($"migration {n} is not named NNNN_name.sql");
                return new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, Read(assembly, n));
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Applies what is missing and returns the names of the scripts it applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQL Server: a session application lock so two migrators never interleave; SQLite: switch to WAL once.
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.PrepareMigrations, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.CreateSchemaVersions, cancellationToken: cancellationToken));
        var applied = (
            await connection.QueryAsync<int>(new CommandDefinition(database.Sql.AppliedVersions, cancellationToken: cancellationToken))).ToHashSet();
        var done = new List<string>();
        foreach (var migration in Scripts(database.Engine).Where(m => !applied.Contains(m.Version)))
        {
            if (await ApplyOneAsync(connection, database, migration, cancellationToken))
                done.Add($"{migration.Version:0000}_{migration.Name}");
        }
        return done;
    }

    /// <summary>False when another process applied it first.</summary>
    private static async Task<bool> ApplyOneAsync(
        DbConnection connection,
        Database database,
        Migration migration,
        CancellationToken cancellationToken)
    {
        // The transaction takes the write lock at once (SQLite: BEGIN IMMEDIATE). Workers sharing one
        // SQLite file all migrate at start: the versions read before may be stale by now, so look
        // again under the lock, or a second starter fails with "table ... already exists".
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = await connection.QueryAsync<int>(
            new CommandDefinition(database.Sql.AppliedVersions, transaction: transaction, cancellationToken: cancellationToken));
        if (applied.Contains(migration.Version)) return false;
        foreach (var batch in migration.Batches())
            await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.RecordVersion,
            new { migration.Version, migration.Name, AppliedAt = DateTime.UtcNow }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)$")]
    private static partial Regex ScriptName();
}
