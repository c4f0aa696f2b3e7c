using PosSync.Domain.Booking;

namespace PosSync.Domain.Outcomes;

/// <summary>
/// The catalogue of the codes a day's run ends with, and their traits: every stage, the scheduler,
/// the diagnosis and the tools name a code from here, never by a string of their own.
/// </summary>
public static class OutcomeCodes
{
    // The POS.
    public static readonly OutcomeCode PosAuth = new("POS_AUTH", CodeKind.BusinessError, CodeRole.Pos, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode PosUnavailable = new("POS_UNAVAILABLE", CodeKind.Outage, CodeRole.Pos, RetryPolicy.OutageBackoff);
    public static readonly OutcomeCode PosRejected = new("POS_REJECTED", CodeKind.BusinessError, CodeRole.Pos, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode PosInvalidData = new("POS_INVALID_DATA", CodeKind.BusinessError, CodeRole.Pos, RetryPolicy.BusinessBackoff);
    /// <summary>A POS quota that frees up only after longer than a call may wait (a day limit): the day waits, it has not failed.</summary>
    public static readonly OutcomeCode PosQuotaSpent = new("POS_QUOTA_SPENT", CodeKind.Waiting, CodeRole.Pos, RetryPolicy.AfterPause);
    public static readonly OutcomeCode DayOpen = new(BookingCodes.DayOpen, CodeKind.Waiting, CodeRole.Pos, RetryPolicy.AfterPause);
    public static readonly OutcomeCode DayNotExported = new("DAY_NOT_EXPORTED", CodeKind.Waiting, CodeRole.Pos, RetryPolicy.AfterPause);

    // The accounting tool.
    public static readonly OutcomeCode AccountingAuth = new("ACCOUNTING_AUTH", CodeKind.BusinessError, CodeRole.Accounting, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode AccountingUnavailable = new("ACCOUNTING_UNAVAILABLE", CodeKind.Outage, CodeRole.Accounting, RetryPolicy.OutageBackoff);
    public static readonly OutcomeCode AccountingRejected = new("ACCOUNTING_REJECTED", CodeKind.BusinessError, CodeRole.Accounting, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode AccountingInvalidData = new("ACCOUNTING_INVALID_DATA", CodeKind.BusinessError, CodeRole.Accounting,
        RetryPolicy.BusinessBackoff);
    /// <summary>The accounting tool's quota is spent for hours (Xero's day limit): the day waits.</summary>
    public static readonly OutcomeCode AccountingQuotaSpent = new("ACCOUNTING_QUOTA_SPENT", CodeKind.Waiting, CodeRole.Accounting, RetryPolicy.AfterPause);
    /// <summary>Already booked: unchanged (success), or changed without a re-import (skipped).</summary>
    public static readonly OutcomeCode AlreadyBooked = new("ALREADY_BOOKED", CodeKind.Done, CodeRole.Accounting, RetryPolicy.Never);

    // The pipeline itself.
    public static readonly OutcomeCode StageFailed = new("STAGE_FAILED", CodeKind.Outage, CodeRole.Pipeline, RetryPolicy.OutageBackoff);
    public static readonly OutcomeCode NotPublished = new("NOT_PUBLISHED", CodeKind.Outage, CodeRole.Pipeline, RetryPolicy.OutageBackoff);
    /// <summary>A run cut short because possync itself was stopped: nothing failed, so it is due at once.</summary>
    public static readonly OutcomeCode Interrupted = new("INTERRUPTED", CodeKind.Interruption, CodeRole.Pipeline, RetryPolicy.AtOnce);
    /// <summary>A stuck run another run of the day took over.</summary>
    public static readonly OutcomeCode Superseded = new("SUPERSEDED", CodeKind.Interruption, CodeRole.Pipeline, RetryPolicy.AtOnce);
    public static readonly OutcomeCode ConnectorNotAvailable = new("CONNECTOR_NOT_AVAILABLE", CodeKind.BusinessError, CodeRole.Pipeline,
        RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode UnknownConsumer = new("UNKNOWN_CONSUMER", CodeKind.BusinessError, CodeRole.Pipeline, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode UnknownLocation = new(BookingCodes.UnknownLocation, CodeKind.BusinessError, CodeRole.Pipeline,
        RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode SumMismatch = new(BookingCodes.SumMismatch, CodeKind.BusinessError, CodeRole.Pipeline, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode Unmapped = new(BookingCodes.Unmapped, CodeKind.BusinessError, CodeRole.Pipeline, RetryPolicy.BusinessBackoff);
    public static readonly OutcomeCode SyncDisabled = new(BookingCodes.SyncDisabled, CodeKind.Skipped, CodeRole.Pipeline, RetryPolicy.WhenAllowed);
    public static readonly OutcomeCode BeforeStartDate = new(BookingCodes.BeforeStartDate, CodeKind.Skipped, CodeRole.Pipeline, RetryPolicy.WhenAllowed);
    public static readonly OutcomeCode AlreadyDone = new("ALREADY_DONE", CodeKind.Done, CodeRole.Pipeline, RetryPolicy.Never);
    public static readonly OutcomeCode NothingToBook = new(BookingCodes.NothingToBook, CodeKind.Done, CodeRole.Pipeline, RetryPolicy.Never);

    public static readonly IReadOnlyList<OutcomeCode> All =
    [
        PosAuth, PosUnavailable, PosRejected, PosInvalidData, PosQuotaSpent, DayOpen, DayNotExported,
        AccountingAuth, AccountingUnavailable, AccountingRejected, AccountingInvalidData, AccountingQuotaSpent, AlreadyBooked,
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
