namespace PosSync.Domain.Booking;

public sealed record BookingOptions
{
    /// <summary>An operator's explicit request to book a day before the start date.</summary>
    public bool ForceBeforeStartDate { get; init; }
}
