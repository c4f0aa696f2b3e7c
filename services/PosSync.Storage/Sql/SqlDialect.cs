namespace PosSync.Storage.Sql;

/// <summary>
/// Every statement the stores run, once per engine. Keeping them as properties of one type lets a
/// test parse every SQL Server statement with Microsoft's T-SQL parser.
/// </summary>
public abstract partial class SqlDialect
{
    public abstract string MigrationsFolder { get; }

    // Schema bookkeeping
    public abstract string PrepareMigrations { get; }
    public abstract string CreateSchemaVersions { get; }
    public abstract string AppliedVersions { get; }
    public abstract string RecordVersion { get; }

    // Consumers
    public abstract string UpsertConsumer { get; }
    public abstract string GetConsumer { get; }
    public abstract string ListConsumers { get; }
    public abstract string FindConsumers { get; }
    public abstract string UpdateConnectionStatus { get; }

    // Day ledger
    public abstract string GetDay { get; }
    public abstract string InsertDayClaim { get; }
    public abstract string TakeDayClaim { get; }
    public abstract string MarkDayBooked { get; }
    /// <summary>The booked entry was taken back to be replaced: until the replacement is booked, the day is not booked.</summary>
    public abstract string MarkDayRemoved { get; }
    public abstract string MarkDayNothingToBook { get; }
    public abstract string ReleaseDayClaim { get; }

    // Executions
    public abstract string InsertExecution { get; }
    public abstract string GetExecution { get; }
    public abstract string SetExecutionStage { get; }
    public abstract string FinishExecution { get; }
    public abstract string ReopenExecution { get; }
    /// <summary>Removes a run that no stage has taken yet (still queued): its day is as if it never ran.</summary>
    public abstract string WithdrawQueuedExecution { get; }
    public abstract string ListExecutions { get; }
    public abstract string ExecutionsOfDay { get; }
    public abstract string LatestExecution { get; }
    public abstract string InsertEvent { get; }
    public abstract string ListEvents { get; }

    // Connections (credentials) and consumer issues
    public abstract string GetCredentials { get; }
    public abstract string SaveCredentials { get; }
    public abstract string RotateCredentials { get; }
    public abstract string ExpiringCredentials { get; }
    public abstract string OpenIssue { get; }
    public abstract string ResolveIssues { get; }
    public abstract string ListIssues { get; }

    // Operations: one run per day at a time, ranges for the scheduler, catalogs and day snapshots
    public abstract string StartExecutionIfIdle { get; }
    /// <summary>Ends the day's runs silent past their lease (<see cref="Stores.RunLease"/>) once a new run has taken the day over.</summary>
    public abstract string SupersedeStuckExecutions { get; }
    public abstract string ExecutionsInRange { get; }
    public abstract string LedgerDaysInRange { get; }
    public abstract string SaveCatalog { get; }
    public abstract string GetCatalog { get; }
    public abstract string SaveSnapshot { get; }
    public abstract string GetSnapshot { get; }

    // Requests
    public abstract string InsertRequest { get; }
    public abstract string ListRequests { get; }
}
