using PosSync.Contracts;
using PosSync.Domain.Configuration;

namespace PosSync.Domain.Booking;

/// <summary>
/// The balance check, "the sum of all lines" (booking-rules 4.3): a gap within the rounding
/// threshold gets a rounding line, within the tolerance a difference line and a warning, above it
/// no entry and an explanation of which orders cause it. Both bounds are inclusive.
/// </summary>
internal sealed record Balance(RoundedLine? Line, BookingWarning? Warning, BookingProblem? Problem)
{
    public static Balance Decide(decimal gap, IReadOnlyList<RoundedLine> lines, Settings settings, Mappings mappings, IReadOnlyList<Order> orders,
        EntryLabels labels)
    {
        var payments = lines.Where(l => l.Role == LineRole.Payment).Sum(l => l.SignedDebit);
        // The till's own rounding (paid minus payable) is booked already: it explains part of the
        // payments, so it is neither sales nor gap.
        var cashRounding = -lines.Where(l => l.Role == LineRole.CashRounding).Sum(l => l.SignedDebit);
        var sales = payments - cashRounding - gap;
        var size = Math.Abs(gap);
        var figures = $"sales {Money.Format(sales)}, payments {Money.Format(payments)}, "
                      + (cashRounding != 0 ? $"cash rounding {Money.FormatSigned(cashRounding)}, " : "")
                      + $"gap {Money.FormatSigned(gap)}";

        if (size <= settings.RoundingThreshold)
        {
            var account = gap > 0 ? mappings.Rounding.Credit : mappings.Rounding.Debit;
            if (account is null)
                return Mismatch($"{figures} and no rounding account is mapped " +
                    $"({(gap > 0 ? "mappings.rounding.credit" : "mappings.rounding.debit")})");
            return new Balance(new RoundedLine(LineRole.Rounding, account, null, gap, labels.Rounding), null, null);
        }
        if (size <= settings.Tolerance)
        {
            // Payments above sales are a gain (credit), below sales a loss (debit).
            var account = gap > 0 ? mappings.Difference.Credit : mappings.Difference.Debit;
            if (account is null)
                return Mismatch($"{figures} and no difference account is mapped " +
                    $"({(gap > 0 ? "mappings.difference.credit" : "mappings.difference.debit")})");
            var warning = new BookingWarning(BookingCodes.DifferenceBooked,
                $"A difference of {Money.FormatSigned(gap)} was booked to {account}: {figures}, within the tolerance " +
                    $"{Money.Format(settings.Tolerance)}.");
            return new Balance(new RoundedLine(LineRole.Difference, account, null, gap, labels.Difference), warning, null);
        }
        return Mismatch($"{figures} > tolerance {Money.Format(settings.Tolerance)}");

        Balance Mismatch(string why)
        {
            var explaining = MismatchDiagnostics.ExplainingOrders(orders, settings);
            var message = $"The sum of all lines does not match: {why}. {MismatchDiagnostics.Summarise(explaining)}";
            var details = new SumMismatchDetails(sales, payments, cashRounding, gap, settings.Tolerance, settings.RoundingThreshold, explaining);
            return new Balance(null, null, new BookingProblem(BookingCodes.SumMismatch, message, details.ToJson()));
        }
    }
}
