using System.Globalization;
using PosSync.Domain.Booking;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// The "Sum of all lines" check of a day whose last run ended in a sum mismatch, and what support
/// does next: correct the orders a hint explains; or, the tolerance raised since the run, retry;
/// or, when no hint explains the gap, open a support ticket with the support bundle. The sales are
/// named once, as the order export gives them (VAT included, tips apart), never the balance check's
/// sum of sales and tips under the same word.
/// </summary>
public static class MismatchCheck
{
    public const string Name = "Sum of all lines";

    /// <param name="details">The details of the run's SUM_MISMATCH event (gap, sales with tips, payments, orders with hints).</param>
    /// <param name="figures">The day's sales and tips from the stored day, when it was stored.</param>
    /// <param name="bundle">The support-bundle command for this day, for when nothing explains the gap.</param>
    public static (Check Check, string Next) Judge(string where, SumMismatchDetails? details, DayFigures? figures, ToleranceAtRun tolerance,
        string retry, string bundle)
    {
        var gap = details?.Gap;
        var payments = details?.Payments;
        var amounts = figures is { } day
            ? $"sales {Money.Format(day.Sales)} (VAT included) and tips {Money.Format(day.Tips)}"
            : $"sales and tips {Text(details?.Sales)}";
        var orders = details?.Orders ?? [];
        var listed = orders.Count == 0
            ? "no single order explains it (every order's items and payments match its total)"
            : "orders: " + string.Join(", ", orders.Select(Order));
        var check = new Check(where, Name, Verdict.Problem,
            $"{amounts} against payments {Text(payments)} (tips included): "
            + $"gap {(gap is { } g ? Money.FormatSigned(g) : "?")} against {tolerance.Named}; {listed}");

        string next;
        if (gap is { } size && tolerance.ChangedAfterRun && Math.Abs(size) <= tolerance.Today)
            next = $"The tolerance was changed to {Money.Format(tolerance.Today)} after this run: a retry would book the gap as a difference. "
                   + $"If the client agrees: {retry}";
        else if (orders.Any(o => o.Hints.Count > 0))
            next = $"Check these orders in the POS (a tip keyed into a payment, a discount not recorded), correct them there, then: {retry}";
        else
            next = $"No order explains the gap: open a support ticket with what {bundle} writes (send the whole folder).";
        return (check, next);
    }

    private static string Order(ExplainingOrder o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.Id} (total {o.Total}, payments {o.PaymentsTotal}, items {o.ItemsTotal}{Hints(o.Hints)})");

    private static string Text(decimal? amount) => amount is { } a ? Money.Format(a) : "?";

    private static string Hints(IReadOnlyList<string> hints) => hints.Count > 0 ? ": " + string.Join("; ", hints) : "";
}
