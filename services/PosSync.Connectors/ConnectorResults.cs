using PosSync.Contracts;
using PosSync.Domain.Outcomes;

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
    /// Where a stage holds the rows of its calls until its next write to the execution log; null (outside a stage: the
    /// CLI, a consent flow): each row is written as its call ends.
    /// </summary>
    public PosSync.Storage.Stores.HeldRequests? Requests { get; init; }
}

/// <summary>How a connector call failed, which decides what the pipeline does next.</summary>
public enum FailureKind
{
    /// <summary>401/403: the connection must be re-authorised by the client; never retried.</summary>
    Auth,
    /// <summary>5xx, timeouts, dropped connections after the retry budget: the day is picked up again later.</summary>
    Unavailable,
    /// <summary>The vendor refused the request (other 4xx); its message is kept verbatim.</summary>
    Rejected,
    /// <summary>The vendor answered with data that is not a usable day.</summary>
    InvalidData,
    /// <summary>This build or this configuration cannot reach the named tool.</summary>
    NotAvailable,
    /// <summary>
    /// The vendor's quota of calls is spent for longer than a call may wait (a day limit): the
    /// connection is fine, the day waits and the scheduler starts it again.
    /// </summary>
    QuotaSpent,
    /// <summary>The day is past the largest PosSync books (DayLimits): an operator decides, nothing retries it.</summary>
    DayTooLarge,
}

/// <summary>A failure the day's execution records: a stable code, a message support can act on, and its kind.</summary>
public sealed record ConnectorFailure(string Code, string Message, FailureKind Kind)
{
    public static ConnectorFailure Pos(FailureKind kind, string message) => new(CodeFor(CodeRole.Pos, kind), message, kind);
    public static ConnectorFailure Accounting(FailureKind kind, string message) => new(CodeFor(CodeRole.Accounting, kind), message, kind);
    public static ConnectorFailure DayTooLarge(string message) => Pos(FailureKind.DayTooLarge, message);

    private static OutcomeCode CodeFor(CodeRole side, FailureKind kind) => (kind, side) switch
    {
        (FailureKind.Auth, _) => OutcomeCodes.AuthOf(side),
        (FailureKind.Unavailable, CodeRole.Pos) => OutcomeCodes.PosUnavailable,
        (FailureKind.Unavailable, _) => OutcomeCodes.AccountingUnavailable,
        (FailureKind.Rejected, CodeRole.Pos) => OutcomeCodes.PosRejected,
        (FailureKind.Rejected, _) => OutcomeCodes.AccountingRejected,
        (FailureKind.InvalidData, CodeRole.Pos) => OutcomeCodes.PosInvalidData,
        (FailureKind.InvalidData, _) => OutcomeCodes.AccountingInvalidData,
        (FailureKind.QuotaSpent, CodeRole.Pos) => OutcomeCodes.PosQuotaSpent,
        (FailureKind.QuotaSpent, _) => OutcomeCodes.AccountingQuotaSpent,
        (FailureKind.DayTooLarge, _) => OutcomeCodes.DayTooLarge,
        _ => OutcomeCodes.ConnectorNotAvailable,
    };
}

/// <summary>A connector's answer: a value, or the failure that kept it from one.</summary>
public sealed record ConnectorResult<T>(T? Value, ConnectorFailure? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>What the connector had to do differently, which support must read in the day's execution log.</summary>
    public IReadOnlyList<ConnectorNotice> Notices { get; init; } = [];

    public static ConnectorResult<T> Ok(T value) => new(value, null);
    public static ConnectorResult<T> Fail(ConnectorFailure failure) => new(default, failure);
}

/// <summary>A POS day: the canonical day, or why the POS has none to give yet (it will be tried again).</summary>
public sealed record PosDay(ServiceDay? Day, string? NotAvailableCode = null, string? NotAvailableMessage = null)
{
    public static PosDay NotYet(string code, string message) => new(null, code, message);
}

/// <summary>Where an entry landed in the accounting tool.</summary>
public sealed record PostedEntry(string AccountingId, bool AlreadyExisted);
