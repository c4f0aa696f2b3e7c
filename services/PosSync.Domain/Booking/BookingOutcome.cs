using System.Text.Json.Nodes;
using PosSync.Contracts;

namespace PosSync.Domain.Booking;

public enum BookingStatus { Booked, NothingToBook, Waiting, Skipped, Error }

/// <summary>A business reason with a stable code support can search for, and details for the curious.</summary>
public sealed record BookingProblem(string Code, string Message, JsonObject? Details = null);

/// <summary>What the booking rules make of one day: an entry, or why there is none.</summary>
public sealed record BookingOutcome
{
    public required BookingStatus Status { get; init; }
    public JournalEntry? Entry { get; init; }
    public IReadOnlyList<BookingWarning> Warnings { get; init; } = [];

    /// <summary>Why the day was not booked: the error, or the reason for waiting, skipping or booking nothing.</summary>
    public BookingProblem? Reason { get; init; }

    public static BookingOutcome Booked(JournalEntry entry, IReadOnlyList<BookingWarning> warnings) =>
        new() { Status = BookingStatus.Booked, Entry = entry, Warnings = warnings };

    public static BookingOutcome Failed(BookingProblem problem, IReadOnlyList<BookingWarning> warnings) =>
        new() { Status = BookingStatus.Error, Reason = problem, Warnings = warnings };

    public static BookingOutcome NotBooked(BookingStatus status, string code, string message, IReadOnlyList<BookingWarning>? warnings = null) =>
        new() { Status = status, Reason = new BookingProblem(code, message), Warnings = warnings ?? [] };
}

/// <summary>The stable codes of outcomes, shared by the engine, the workers and support tools.</summary>
public static class BookingCodes
{
    public const string BeforeStartDate = "BEFORE_START_DATE";
    public const string DayOpen = "DAY_OPEN";
    public const string NothingToBook = "NOTHING_TO_BOOK";
    public const string SumMismatch = "SUM_MISMATCH";
    public const string Unmapped = "UNMAPPED";
    public const string UnmappedToSuspense = "UNMAPPED_TO_SUSPENSE";
    public const string DifferenceBooked = "DIFFERENCE_BOOKED";
    public const string OrderOtherDay = "ORDER_OTHER_DAY";
    public const string UnknownLocation = "UNKNOWN_LOCATION";
    public const string SyncDisabled = "SYNC_DISABLED";
}
