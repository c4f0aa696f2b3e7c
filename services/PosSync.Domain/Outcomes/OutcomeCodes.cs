using PosSync.Domain.Booking;

namespace PosSync.Domain.Outcomes;

/// <summary>
/// The catalogue of the codes a day's run ends with, and their traits: every stage, the scheduler,
/// the diagnosis and the tools name a code from here, never by a string of their own.
/// </summary>
public static class OutcomeCodes
{
    // The POS.
    public static readonly OutcomeCode PosAuth = Business("POS_AUTH", CodeRole.Pos);
    public static readonly OutcomeCode PosUnavailable = Outage("POS_UNAVAILABLE", CodeRole.Pos);
    public static readonly OutcomeCode PosRejected = Business("POS_REJECTED", CodeRole.Pos);
    public static readonly OutcomeCode PosInvalidData = Business("POS_INVALID_DATA", CodeRole.Pos);
    /// <summary>A POS quota that frees up only after longer than a call may wait (a day limit): the day waits, it has not failed.</summary>
    public static readonly OutcomeCode PosQuotaSpent = Waits("POS_QUOTA_SPENT", CodeRole.Pos);
    public static readonly OutcomeCode DayOpen = Waits(BookingCodes.DayOpen, CodeRole.Pos);
    public static readonly OutcomeCode DayNotExported = Waits("DAY_NOT_EXPORTED", CodeRole.Pos);
    /// <summary>
    /// A day past the largest PosSync books (<see cref="Days.DayLimits"/>): a business error no
    /// retry can clear, so the scheduler leaves it to an operator instead of fetching it again.
    /// </summary>
    public static readonly OutcomeCode DayTooLarge = new("DAY_TOO_LARGE", CodeKind.BusinessError, CodeRole.Pos, RetryPolicy.Never);

    // The accounting tool.
    public static readonly OutcomeCode AccountingAuth = Business("ACCOUNTING_AUTH", CodeRole.Accounting);
    public static readonly OutcomeCode AccountingUnavailable = Outage("ACCOUNTING_UNAVAILABLE", CodeRole.Accounting);
    public static readonly OutcomeCode AccountingRejected = Business("ACCOUNTING_REJECTED", CodeRole.Accounting);
    public static readonly OutcomeCode AccountingInvalidData = Business("ACCOUNTING_INVALID_DATA", CodeRole.Accounting);
    /// <summary>The accounting tool's quota is spent for hours (Xero's day limit): the day waits.</summary>
    public static readonly OutcomeCode AccountingQuotaSpent = Waits("ACCOUNTING_QUOTA_SPENT", CodeRole.Accounting);
    /// <summary>Already booked: unchanged (success), or changed without a re-import (skipped).</summary>
    public static readonly OutcomeCode AlreadyBooked = Done("ALREADY_BOOKED", CodeRole.Accounting);
    /// <summary>A recheck read the booked day again for late orders and found it unchanged.</summary>
    public static readonly OutcomeCode PosDayUnchanged = Done("POS_DAY_UNCHANGED", CodeRole.Pos);
    /// <summary>A recheck found the booked day changed (late orders): reported, replaced only by a re-import or replace_on_drift.</summary>
    public static readonly OutcomeCode PosDayDrifted = Done("POS_DAY_DRIFTED", CodeRole.Pos);

    // The pipeline itself.
    public static readonly OutcomeCode StageFailed = Outage("STAGE_FAILED", CodeRole.Pipeline);
    public static readonly OutcomeCode NotPublished = Outage("NOT_PUBLISHED", CodeRole.Pipeline);
    /// <summary>A run cut short because possync itself was stopped: nothing failed, so it is due at once.</summary>
    public static readonly OutcomeCode Interrupted = Interruption("INTERRUPTED", CodeRole.Pipeline);
    /// <summary>A stuck run another run of the day took over.</summary>
    public static readonly OutcomeCode Superseded = Interruption("SUPERSEDED", CodeRole.Pipeline);
    public static readonly OutcomeCode ConnectorNotAvailable = Business("CONNECTOR_NOT_AVAILABLE", CodeRole.Pipeline);
    public static readonly OutcomeCode UnknownConsumer = Business("UNKNOWN_CONSUMER", CodeRole.Pipeline);
    public static readonly OutcomeCode UnknownLocation = Business(BookingCodes.UnknownLocation, CodeRole.Pipeline);
    public static readonly OutcomeCode SumMismatch = Business(BookingCodes.SumMismatch, CodeRole.Pipeline);
    public static readonly OutcomeCode Unmapped = Business(BookingCodes.Unmapped, CodeRole.Pipeline);
    public static readonly OutcomeCode SyncDisabled = Skip(BookingCodes.SyncDisabled, CodeRole.Pipeline);
    public static readonly OutcomeCode BeforeStartDate = Skip(BookingCodes.BeforeStartDate, CodeRole.Pipeline);
    public static readonly OutcomeCode AlreadyDone = Done("ALREADY_DONE", CodeRole.Pipeline);
    public static readonly OutcomeCode NothingToBook = Done(BookingCodes.NothingToBook, CodeRole.Pipeline);

    private static OutcomeCode Outage(string word, CodeRole role) => new(word, CodeKind.Outage, role, RetryPolicy.OutageBackoff);
    private static OutcomeCode Business(string word, CodeRole role) => new(word, CodeKind.BusinessError, role, RetryPolicy.BusinessBackoff);
    private static OutcomeCode Interruption(string word, CodeRole role) => new(word, CodeKind.Interruption, role, RetryPolicy.AtOnce);
    private static OutcomeCode Waits(string word, CodeRole role) => new(word, CodeKind.Waiting, role, RetryPolicy.AfterPause);
    private static OutcomeCode Skip(string word, CodeRole role) => new(word, CodeKind.Skipped, role, RetryPolicy.WhenAllowed);
    private static OutcomeCode Done(string word, CodeRole role) => new(word, CodeKind.Done, role, RetryPolicy.Never);

    public static readonly IReadOnlyList<OutcomeCode> All =
    [
        PosAuth, PosUnavailable, PosRejected, PosInvalidData, PosQuotaSpent, DayOpen, DayNotExported, DayTooLarge,
        AccountingAuth, AccountingUnavailable, AccountingRejected, AccountingInvalidData, AccountingQuotaSpent, AlreadyBooked,
        PosDayUnchanged, PosDayDrifted,
        StageFailed, NotPublished, Interrupted, Superseded, ConnectorNotAvailable, UnknownConsumer, UnknownLocation,
        SumMismatch, Unmapped, SyncDisabled, BeforeStartDate, AlreadyDone, NothingToBook,
    ];

    private static readonly Dictionary<string, OutcomeCode> ByWord = All.ToDictionary(c => c.Word, StringComparer.Ordinal);

    /// <summary>The code stored as <paramref name="word"/>, or null for a word the catalogue does not hold (or none).</summary>
    public static OutcomeCode? Find(string? word) => word is null ? null : ByWord.GetValueOrDefault(word);

    /// <summary>True for a failure that clears by itself (a vendor was down, a worker crashed).</summary>
    public static bool IsOutage(string? word) => Find(word)?.IsOutage == true;

    /// <summary>The credentials of that side were refused: the client must reconnect the tool.</summary>
    public static OutcomeCode AuthOf(CodeRole role) => role == CodeRole.Pos ? PosAuth : AccountingAuth;

    /// <summary>True when the code says a tool refused PosSync's credentials (POS_AUTH, ACCOUNTING_AUTH).</summary>
    public static bool IsAuth(string? word) => word is not null && (word == PosAuth.Word || word == AccountingAuth.Word);
}
