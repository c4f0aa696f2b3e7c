using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// The day ledger: one row per (consumer, location, business date), the idempotency key of
/// booking. Before posting, a stage claims the day for a short lease, so two deliveries of the
/// same day never post at once; a crashed holder's lease simply runs out.
/// </summary>
public sealed class DayLedger(Database database, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

    public async Task<LedgerDay?> GetAsync(DayKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LedgerDay>(
            new CommandDefinition(database.Sql.GetDay, Key(key), cancellationToken: cancellationToken));
    }

    /// <summary>The day, claimed by <paramref name="owner"/>; null when another owner holds a live claim.</summary>
    public async Task<LedgerDay?> TryClaimAsync(DayKey key, Guid executionId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var parameters = new
        {
            key.ConsumerId,
            key.LocationId,
            key.BusinessDate,
            ExecutionId = executionId,
            Owner = owner,
            Until = now + lease,
            Now = now
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        // One round trip: create the row claimed or take the claim, and read the day back if this owner holds it.
        return await connection.QuerySingleOrDefaultAsync<LedgerDay>(
            new CommandDefinition(database.Sql.ClaimDay, parameters, cancellationToken: cancellationToken));
    }

    public async Task<bool> MarkBookedAsync(DayKey key, string owner, Guid executionId, string entryNumber, string accountingId,
        string fingerprint, int revision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(database.Sql.MarkDayBooked, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, Owner = owner, ExecutionId = executionId,
            EntryNumber = entryNumber, AccountingId = accountingId, Fingerprint = fingerprint, Revision = revision,
            Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>
    /// Records that the booked entry was removed from the accounting tool to be replaced: the day is
    /// unbooked again (so a failure before the replacement is booked leaves it due, never "booked"
    /// with nothing live), and <paramref name="revision"/> numbers its replacement.
    /// </summary>
    public async Task<bool> MarkRemovedAsync(DayKey key, string owner, Guid executionId, int revision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(database.Sql.MarkDayRemoved, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, Owner = owner, ExecutionId = executionId, Revision = revision,
            Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>Records a closed day with nothing to book so it is not picked up again; never overwrites a booked day.</summary>
    public async Task MarkNothingToBookAsync(DayKey key, Guid executionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.MarkDayNothingToBook, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, ExecutionId = executionId, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(DayKey key, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.ReleaseDayClaim, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, Owner = owner, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<LedgerDay>> InRangeAsync(string consumerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LedgerDay>(new CommandDefinition(database.Sql.LedgerDaysInRange,
            new { ConsumerId = consumerId, From = from, To = to }, cancellationToken: cancellationToken))).ToList();
    }

    private static object Key(DayKey key) => new { key.ConsumerId, key.LocationId, key.BusinessDate };
}
