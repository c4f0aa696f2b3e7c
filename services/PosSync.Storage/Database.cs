using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using PosSync.Storage.Counting;
using PosSync.Storage.Sql;

namespace PosSync.Storage;

public enum StorageEngine { Sqlite, SqlServer }

/// <summary>
/// The one database PosSync keeps: configuration, day ledger and execution log. Hands out one
/// open connection per unit of work (pooled by the provider) and the dialect's statements.
/// </summary>
public sealed class Database
{
    private Database(StorageEngine engine, string connectionString, SqlDialect dialect, StatementCounter? counter = null)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Sql = dialect;
        _counter = counter;
    }

    private readonly StatementCounter? _counter;

    /// <summary>
    /// The SQLite handles (physical connections, kept by the provider's pool) whose connection-level
    /// PRAGMAs are set: a pooled open of one of them sends nothing before the caller's statement.
    /// </summary>
    private static readonly ConditionalWeakTable<object, object> PreparedHandles = new();
    private static readonly object Prepared = new();

    public StorageEngine Engine { get; }
    public SqlDialect Sql { get; }
    internal string ConnectionString { get; }

    static Database() => TypeHandlers.Register();

    public static Database Sqlite(string connectionString) => new(StorageEngine.Sqlite, connectionString, new SqliteDialect());

    public static Database SqlServer(string connectionString) => new(StorageEngine.SqlServer, connectionString, new SqlServerDialect());

    /// <summary>The same database, every statement told to <paramref name="counter"/> (the benchmark, the statement-count tests).</summary>
    public Database CountingStatements(StatementCounter counter) => new(Engine, ConnectionString, Sql, counter);

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
        DbConnection provider = Engine == StorageEngine.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        var connection = _counter is null ? provider : new CountingConnection(provider, _counter);
        object? newHandle = null;
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (provider is SqliteConnection sqlite)
            {
                // busy_timeout and synchronous belong to the physical connection and outlive a return to the pool.
                if (PreparedHandles.TryAdd(sqlite.Handle!, Prepared))
                {
                    newHandle = sqlite.Handle;
                    await using var pragma = connection.CreateCommand();
                    // SQLite's own busy handler waits as long as the provider's command timeout, so both give up together.
                    pragma.CommandText = $"PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000}; PRAGMA synchronous = NORMAL;";
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                }
                // SQLite's lower() knows only ASCII and nothing of accents: consumer search folds through .NET.
                sqlite.CreateFunction<string?, string?>(SearchText.SqliteFunction, text => text is null ? null : SearchText.Fold(text), isDeterministic: true);
            }
            return connection;
        }
        catch
        {
            // A handle whose PRAGMAs did not run gets them on its next open.
            if (newHandle is not null) PreparedHandles.Remove(newHandle);
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
