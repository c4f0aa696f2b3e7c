namespace PosSync.Connectors;

/// <summary>
/// Who a connector call is made for, so the request table can show it on the consumer's page.
/// <paramref name="TimeZone"/> is the day's location's zone: a date a connector stamps itself (the
/// FEC's ValidDate) is a day of the business's calendar, not of the server's.
/// </summary>
/// <param name="CorrectionDate">
/// Set only when a booked day is being corrected (its reversal and replacement): the business's
/// today, on which the accounting tool may book them when it refuses the original day because its
/// period is closed. Null for a first booking, which is never moved to another day.
/// </param>
public sealed record ConnectorContext(string ConsumerId, Guid? ExecutionId, IReadOnlyDictionary<string, string>? Options = null,
    DateOnly? CorrectionDate = null, TimeZoneInfo? TimeZone = null)
{
    /// <summary>An option of the consumer's connection (e.g. the FEC's SIREN), or null.</summary>
    public string? Option(string name) => Options?.GetValueOrDefault(name);

    /// <summary>
    /// The consumer's settings.close_after: for a POS without a closure (Square), how long after the
    /// day's cut-off the day counts as closed. Null: the default of the settings.
    /// </summary>
    public TimeSpan? CloseAfter { get; init; }

    /// <summary>The location whose day is booked (its id and name in the configuration), for a target that tracks locations (Xero).</summary>
    public string? LocationId { get; init; }
    public string? LocationName { get; init; }

    /// <summary>
    /// Where a stage holds the rows of its calls until its next write to the execution log; null
    /// (outside a stage: the CLI, a consent flow): each row is written as its call ends.
    /// </summary>
    public PosSync.Storage.Stores.HeldRequests? Requests { get; init; }
}
