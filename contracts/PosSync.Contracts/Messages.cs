namespace PosSync.Contracts;

/// <summary>Command: fetch, reconcile and book this service day.</summary>
public sealed record SyncServiceDay
{
    public required DayRun Run { get; init; }
}

/// <summary>Event: the POS day was fetched; the canonical day travels with it.</summary>
public sealed record ServiceDayIngested
{
    public required DayRun Run { get; init; }
    public required ServiceDay Day { get; init; }

    /// <summary>On a recheck of a booked day: the day as booked beside the day now (null on any other run).</summary>
    public DayComparison? Recheck { get; init; }
}

/// <summary>
/// Event: the booking rules produced a balanced journal entry ready to post — or, for a re-import of
/// a booked day that now has nothing to book, no entry (null): the booked one is to be removed.
/// </summary>
public sealed record ServiceDayReconciled
{
    public required DayRun Run { get; init; }
    public JournalEntry? Entry { get; init; }
    public IReadOnlyList<BookingWarning> Warnings { get; init; } = [];

    /// <summary>On a recheck of a booked day: the day as booked beside the day now (null on any other run).</summary>
    public DayComparison? Recheck { get; init; }
}

/// <summary>Event: the entry is in the accounting tool (now, or already before this delivery).</summary>
public sealed record ServiceDayBooked
{
    public required DayRun Run { get; init; }
    public required string EntryNumber { get; init; }
    public required string AccountingId { get; init; }

    /// <summary>True when this delivery found the day already booked and posted nothing.</summary>
    public bool AlreadyBooked { get; init; }
}

public sealed record BookingWarning(string Code, string Message);
