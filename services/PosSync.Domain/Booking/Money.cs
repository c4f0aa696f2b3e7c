using System.Globalization;

namespace PosSync.Domain.Booking;

/// <summary>The one rounding rule (2 decimals, half away from zero) and how amounts read in messages.</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>1,100.00 — the way an accountant reads an amount.</summary>
    public static string Format(decimal amount) =>
        amount < 0 ? "\u2212" + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture)
                   : amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>+6.00 or −50.01: a gap always shows its direction.</summary>
    public static string FormatSigned(decimal amount) => amount >= 0 ? "+" + Format(amount) : Format(amount);
}
