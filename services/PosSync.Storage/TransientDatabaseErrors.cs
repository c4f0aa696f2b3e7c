using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace PosSync.Storage;

/// <summary>
/// The database errors that pass by themselves (a lock held by someone else, a deadlock, a failover),
/// named in one place: the stages' retry policy and the CLI both ask here. Neither provider says so
/// itself: Microsoft.Data.Sqlite reports BUSY and LOCKED with <c>IsTransient == false</c>, and
/// SqlClient leaves the choice of numbers to the caller.
/// </summary>
public static class TransientDatabaseErrors
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html): the database file, or a
    // table in a shared cache, is held by another connection. The extended codes keep the primary
    // code in their low byte, so BUSY_RECOVERY (261), BUSY_SNAPSHOT (517), BUSY_TIMEOUT (773),
    // LOCKED_SHAREDCACHE (262), LOCKED_VTAB (518) all classify by their primary code.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// SQL Server error numbers worth a retry: SqlClient's own built-in list for its configurable retry
    /// logic (https://learn.microsoft.com/en-us/dotnet/api/microsoft.data.sqlclient.sqlconfigurableretryfactory,
    /// "inner transient error list"), plus -2, SqlClient's client-side timeout, which the stages already
    /// treat as transient when it surfaces as a <see cref="TimeoutException"/>.
    /// </summary>
    public static readonly IReadOnlySet<int> SqlServerNumbers = new HashSet<int>
    {
        1204,  // cannot obtain a LOCK resource now
        1205,  // chosen as deadlock victim
        1222,  // lock request time out period exceeded
        49918, 49919, 49920, // Azure: not enough resources / too many operations in progress
        4060,  // cannot open the database requested by the login (failover in progress)
        4221,  // login to read-secondary failed while the replica transitions
        40143, 40197, 40540, // Azure: the service encountered an error processing the request, retry
        40501, // Azure: the service is busy
        40613, // Azure: database not currently available (failover)
        10928, 10929, // Azure: resource limit reached / server too busy
        10053, 10054, 10060, // transport: connection aborted, reset, timed out
        233, 64, 20, // connection dropped during login / the instance is not accepting connections
        -2,    // client-side timeout
    };

    /// <summary>True when the exception, or one it wraps, is a database error that passes by itself.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when IsTransientSqlite(sqlite.SqliteErrorCode, sqlite.SqliteExtendedErrorCode):
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(error => SqlServerNumbers.Contains(error.Number)):
                    return true;
                case DbException db when db.IsTransient:
                    return true;
            }
        }
        return false;
    }

    /// <summary>A SQLite result code (primary or extended) meaning "busy" or "locked".</summary>
    public static bool IsTransientSqlite(int errorCode, int extendedErrorCode = 0)
    {
        var primary = (extendedErrorCode != 0 ? extendedErrorCode : errorCode) & 0xFF;
        return primary is SqliteBusy or SqliteLocked || (errorCode & 0xFF) is SqliteBusy or SqliteLocked;
    }

    public static bool IsTransientSqlServer(int number) => SqlServerNumbers.Contains(number);
}
