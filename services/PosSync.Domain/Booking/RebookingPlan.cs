using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <param name="Remove">The accounting id of the booked entry to take back first, or null.</param>
/// <param name="Revision">The revision the day is booked at; above 0 the booking corrects an earlier one.</param>
/// <param name="Entry">The entry to post, under its final number (-R{n} for a revision); null unless <see cref="RebookingStep.Book"/>.</param>
public sealed record RebookingPlan(RebookingStep Step, string? Remove, int Revision, JournalEntry? Entry)
{
    /// <summary>A recheck replaces the booked entry by itself (settings.replace_on_drift): the log says why.</summary>
    public bool ReplacesDrift { get; init; }

    /// <summary>The booking replaces an entry taken back (now or before): the tool may book it on the business's today.</summary>
    public bool IsCorrection => Revision > 0;
}
