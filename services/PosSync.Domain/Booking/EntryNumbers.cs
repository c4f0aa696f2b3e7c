using System.Globalization;

namespace PosSync.Domain.Booking;

/// <summary>
/// How a day's journal entry is numbered, in one place: POS-{location}-{yyyyMMdd} for its first
/// booking, and -R{n} after it for the n-th replacement of an entry taken back.
/// </summary>
public static class EntryNumbers
{
    public static string For(string locationId, DateOnly businessDate, int revision = 0) =>
        Revised($"POS-{locationId}-{businessDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", revision);

    /// <summary>The number an entry numbered <paramref name="number"/> by the booking rules is booked under at <paramref name="revision"/>.</summary>
    public static string Revised(string number, int revision) =>
        revision > 0 ? string.Create(CultureInfo.InvariantCulture, $"{number}-R{revision}") : number;
}
