using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using PosSync.Storage.Sql;

namespace PosSync.Storage;

public enum StorageEngine { Sqlite, SqlServer }

/// <summary>
/// The one database PosSync keeps: configuration, day ledger and execution log. Hands out one
/// open connection per unit of work (pooled by the provider) and the dialect's statements.
/// </summary>
public sealed class Database
{
    private Database(StorageEngine engine, string connectionString, SqlDialect dialect)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Sql = dialect;
    }

    public StorageEngine Engine { get; }
    public SqlDialect Sql { get; }
    internal string ConnectionString { get; }

    static Database() => TypeHandlers.Register();

    public static Database Sqlite(string connectionString) => new(StorageEngine.Sqlite, connectionString, new SqliteDialect());

    public static Database SqlServer(string connectionString) => new(StorageEngine.SqlServer, connectionString, new SqlServerDialect());

    /// <summary>How long the workers wait for a SQLite lock held by another process before a statement fails as busy.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The embedded default: one SQLite file in the data folder, created on first use.</summary>
    /// <param name="lockTimeout">How long a statement waits for a lock (default <see cref="DefaultLockTimeout"/>); the CLI waits less.</param>
    public static Database SqliteFile(string dataDirectory, TimeSpan? lockTimeout = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "possync.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Workers write concurrently: wait for the lock rather than fail with "database is locked".
            DefaultTimeout = (int)Math.Ceiling((lockTimeout ?? DefaultLockTimeout).TotalSeconds),
            Pooling = true,
        };
        return Sqlite(builder.ToString());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Engine == StorageEngine.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                await using var pragma = sqlite.CreateCommand();
                // SQLite's own busy handler waits as long as the provider's command timeout, so both give up together.
                pragma.CommandText = $"PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000}; PRAGMA synchronous = NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                // SQLite's lower() knows only ASCII and nothing of accents: consumer search folds through .NET.
                sqlite.CreateFunction<string?, string?>(SearchText.SqliteFunction, text => text is null ? null : SearchText.Fold(text), isDeterministic: true);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where the data lives, without credentials, for messages and logs.</summary>
    public string Describe()
    {
        if (Engine == StorageEngine.Sqlite) return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var builder = new SqlConnectionStringBuilder(ConnectionString);
        return $"SQL Server {builder.DataSource}/{builder.InitialCatalog}";
    }
}
