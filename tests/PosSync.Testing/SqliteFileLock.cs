using Microsoft.Data.Sqlite;

namespace PosSync.Testing;

/// <summary>
/// Another process holding the SQLite file, as an operator's backup tool or a stuck writer would:
/// an exclusive transaction on a connection of its own, held until released (or disposed).
/// </summary>
public sealed class SqliteFileLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private SqliteFileLock(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// Takes the lock. Writers always wait; with <paramref name="readersToo"/> the file is held in
    /// exclusive locking mode, so in WAL mode readers cannot get in either (a database "unavailable").
    /// </summary>
    public static async Task<SqliteFileLock> TakeAsync(string databaseFile, bool readersToo = false)
    {
        // Busy workers may win the file for a moment (SQLite skips the busy wait where waiting could
        // deadlock, as for an exclusive lock in WAL mode): try again, as an operator's tool would.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await TryTakeAsync(databaseFile, readersToo);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<SqliteFileLock> TryTakeAsync(string databaseFile, bool readersToo)
    {
        // In WAL mode every open connection keeps a shared lock on the file: the pooled ones of this process must go first.
        if (readersToo) SqliteConnection.ClearAllPools();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        try
        {
            return await LockAsync(connection, readersToo);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<SqliteFileLock> LockAsync(SqliteConnection connection, bool readersToo)
    {
        await connection.OpenAsync();
        if (readersToo)
        {
            await using var mode = connection.CreateCommand();
            mode.CommandText = "PRAGMA locking_mode = EXCLUSIVE;";
            await mode.ExecuteNonQueryAsync();
        }
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        // A write takes the database's write lock now, not at commit (BEGIN EXCLUSIVE's effect).
        write.CommandText = "CREATE TABLE IF NOT EXISTS test_lock (id INTEGER); INSERT INTO test_lock VALUES (1);";
        await write.ExecuteNonQueryAsync();
        return new SqliteFileLock(connection, transaction);
    }

    /// <summary>Lets go after <paramref name="delay"/>, in the background.</summary>
    public Task ReleaseAfterAsync(TimeSpan delay) => Task.Run(async () =>
    {
        await Task.Delay(delay);
        await ReleaseAsync();
    });

    public async Task ReleaseAsync()
    {
        if (_transaction is null) return;
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        _transaction = null;
        await _connection.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
