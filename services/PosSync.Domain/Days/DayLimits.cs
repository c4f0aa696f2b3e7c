using System.Globalization;
using PosSync.Domain.Input;

namespace PosSync.Domain.Days;

/// <summary>
/// The largest day PosSync books, checked by each POS connector before it builds the day, so a
/// day past it ends DAY_TOO_LARGE in one line instead of a worker out of memory or a message the
/// broker refuses. 60,000 orders: 50,000 go through with room (≈ 1 KB of canonical JSON an order,
/// the message of such a day, compressed, ≈ 16 MiB at most, under RabbitMQ 3.x's default 128 MiB max_message_size).
/// 64 MiB of canonical JSON: what any input file may weigh (<see cref="InputDocument.MaxBytes"/>).
/// </summary>
public static class DayLimits
{
    public const int MaxOrders = 60_000;
    public const long MaxJsonBytes = InputDocument.MaxBytes;

    /// <summary>The day's one-line refusal when it has more orders than the maximum, else null.</summary>
    public static string? TooManyOrders(string what, int orders) =>
        orders <= MaxOrders ? null : Refusal(what, $"{Count(orders)} orders", OrdersFirst);

    /// <summary>The day's one-line refusal when its JSON weighs more than the maximum, else null.</summary>
    public static string? TooManyBytes(string what, long bytes) =>
        bytes <= MaxJsonBytes ? null : Refusal(what, $"{ByteSize.Describe(bytes)} of JSON", BytesFirst);

    /// <summary>At least so many orders: a vendor read stopped as soon as it went past the maximum.</summary>
    public static string MoreOrdersThan(string what, int read) =>
        Refusal(what, $"more than {Count(read - 1)} orders", OrdersFirst);

    private static readonly string OrdersFirst = $"{Count(MaxOrders)} orders (and {ByteSize.Describe(MaxJsonBytes)} of JSON)";
    private static readonly string BytesFirst = $"{ByteSize.Describe(MaxJsonBytes)} of JSON (and {Count(MaxOrders)} orders)";

    private static string Refusal(string what, string size, string maximum) =>
        $"{what} holds {size}; PosSync books at most {maximum} a day. " +
        "Split the day (one location per till or service) or book it by hand; the day is not retried by itself.";

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
