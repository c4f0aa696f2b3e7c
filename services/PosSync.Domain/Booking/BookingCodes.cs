namespace PosSync.Domain.Booking;

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
