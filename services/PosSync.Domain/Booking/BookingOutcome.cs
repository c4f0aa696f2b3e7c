using PosSync.Contracts;

namespace PosSync.Domain.Booking;

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
