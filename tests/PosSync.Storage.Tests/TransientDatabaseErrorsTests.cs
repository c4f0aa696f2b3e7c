using Microsoft.Data.Sqlite;

namespace PosSync.Storage.Tests;

/// <summary>Which database errors the stages retry and the CLI waits out: the table, code by code.</summary>
public class TransientDatabaseErrorsTests
{
    [TestCase(5, 5, true, TestName = "SQLite 5 BUSY is transient")]
    [TestCase(5, 261, true, TestName = "SQLite 261 BUSY_RECOVERY is transient")]
    [TestCase(5, 517, true, TestName = "SQLite 517 BUSY_SNAPSHOT is transient")]
    [TestCase(5, 773, true, TestName = "SQLite 773 BUSY_TIMEOUT is transient")]
    [TestCase(6, 6, true, TestName = "SQLite 6 LOCKED is transient")]
    [TestCase(6, 262, true, TestName = "SQLite 262 LOCKED_SHAREDCACHE is transient")]
    [TestCase(6, 518, true, TestName = "SQLite 518 LOCKED_VTAB is transient")]
    [TestCase(1, 1, false, TestName = "SQLite 1 ERROR is not transient")]
    [TestCase(19, 2067, false, TestName = "SQLite 2067 CONSTRAINT_UNIQUE is not transient")]
    [TestCase(8, 8, false, TestName = "SQLite 8 READONLY is not transient")]
    [TestCase(11, 11, false, TestName = "SQLite 11 CORRUPT is not transient")]
    [TestCase(14, 14, false, TestName = "SQLite 14 CANTOPEN is not transient")]
    public void A_SQLite_error_is_transient_only_when_busy_or_locked(int code, int extended, bool transient)
    {
        var error = new SqliteException($"SQLite Error {code}", code, extended);

        Assert.That(TransientDatabaseErrors.IsTransient(error), Is.EqualTo(transient));
        Assert.That(error.IsTransient, Is.False, "the provider itself never says so: that is why PosSync names them");
    }

    [TestCase(1205, true, TestName = "SQL Server 1205 deadlock victim is transient")]
    [TestCase(1222, true, TestName = "SQL Server 1222 lock timeout is transient")]
    [TestCase(1204, true, TestName = "SQL Server 1204 no lock resource is transient")]
    [TestCase(40613, true, TestName = "SQL Server 40613 database unavailable (failover) is transient")]
    [TestCase(40197, true, TestName = "SQL Server 40197 service error is transient")]
    [TestCase(40501, true, TestName = "SQL Server 40501 service busy is transient")]
    [TestCase(49918, true, TestName = "SQL Server 49918 not enough resources is transient")]
    [TestCase(4060, true, TestName = "SQL Server 4060 cannot open database is transient")]
    [TestCase(10054, true, TestName = "SQL Server 10054 connection reset is transient")]
    [TestCase(233, true, TestName = "SQL Server 233 error during login is transient")]
    [TestCase(-2, true, TestName = "SQL Server -2 client timeout is transient")]
    [TestCase(2627, false, TestName = "SQL Server 2627 unique key violation is not transient")]
    [TestCase(208, false, TestName = "SQL Server 208 invalid object name is not transient")]
    [TestCase(18456, false, TestName = "SQL Server 18456 login failed is not transient")]
    [TestCase(547, false, TestName = "SQL Server 547 constraint conflict is not transient")]
    public void A_SQL_Server_error_number_is_transient_when_Microsoft_lists_it(int number, bool transient)
    {
        Assert.That(TransientDatabaseErrors.IsTransientSqlServer(number), Is.EqualTo(transient));
    }

    [Test]
    public void A_busy_error_wrapped_in_another_exception_is_still_transient_and_other_exceptions_are_not()
    {
        Assert.That(TransientDatabaseErrors.IsTransient(new InvalidOperationException("wrapped", new SqliteException("busy", 5, 5))), Is.True);
        Assert.That(TransientDatabaseErrors.IsTransient(new IOException("disk")), Is.False);
        Assert.That(TransientDatabaseErrors.IsTransient(null), Is.False);
    }
}
