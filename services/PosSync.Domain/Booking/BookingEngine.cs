using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Domain.Booking;

/// <summary>
/// Turns one closed service day into one balanced journal entry, or into the reason there is none,
/// exactly as booking-rules.md says. Pure: no I/O, the same input always gives the same output.
/// </summary>
public static class BookingEngine
{
    public static BookingOutcome Book(ConsumerConfiguration config, ServiceDay day, BookingOptions? options = null)
    {
        options ??= new BookingOptions();
        var settings = config.Settings;
        var location = config.FindLocation(day.LocationId);
        if (location is null) return BookingOutcome.Failed(DayRefusals.UnknownLocation(config, day.LocationId), []);
        if (BusinessDayRules.IsBeforeStart(day.BusinessDate, settings) && !options.ForceBeforeStartDate)
            return new BookingOutcome { Status = BookingStatus.Skipped, Reason = DayRefusals.BeforeStartDate(day.BusinessDate, settings) };
        if (day.Closure.Status == ClosureStatus.Open)
        {
            return BookingOutcome.NotBooked(BookingStatus.Waiting, BookingCodes.DayOpen,
                $"The POS day {day.BusinessDate:yyyy-MM-dd} is still open; it will be tried again once it is closed.");
        }

        var warnings = new List<BookingWarning>();
        var counted = CountedOrders(day, location, warnings);
        if (counted.Count == 0)
        {
            return BookingOutcome.NotBooked(BookingStatus.NothingToBook, BookingCodes.NothingToBook,
                $"The day {day.BusinessDate:yyyy-MM-dd} is closed and has no sales or payments to book.", warnings);
        }

        var sums = DaySums.Collect(counted, settings);
        var lines = new EntryLines();
        var unmapped = new UnmappedData();
        var mappings = config.Mappings;
        var gross = settings.RevenueMode == RevenueMode.Gross;
        var labels = EntryLabels.For(EntryLanguages.For(settings));

        foreach (var ((categoryId, rate, _), group) in sums.Groups)
        {
            var hasCategory = mappings.Categories.TryGetValue(categoryId, out var revenueAccount);
            if (!hasCategory) unmapped.Category(categoryId);
            // Every rate VAT is booked at must be mapped; the combined rate of several taxes only
            // lends its code to the revenue line when it happens to be mapped.
            var hasRates = true;
            foreach (var (vatRate, _) in group.VatByRate(rate))
            {
                if (mappings.VatRates.ContainsKey(vatRate)) continue;
                unmapped.VatRate(vatRate);
                hasRates = false;
            }
            var revenue = group.Gross - group.Vat + (gross ? group.LossExVat + group.OfferedExVat : 0m);

            if (!hasCategory || !hasRates)
            {
                // What cannot be booked where it belongs is kept whole, VAT included, for the accountant to sort out.
                if (mappings.Suspense is { } suspense)
                    lines.Add(LineRole.Revenue, suspense, null, revenue + group.Vat, labels.UnmappedSales);
            }
            else
            {
                var revenueCode = mappings.VatRates.TryGetValue(rate, out var combined) ? combined.Code : null;
                lines.Add(LineRole.Revenue, revenueAccount!, revenueCode, revenue, labels.Revenue(group.CategoryName ?? categoryId, rate),
                    group.CategoryName);
                foreach (var (vatRate, amount) in group.VatByRate(rate))
                {
                    var vat = mappings.VatRates[vatRate];
                    if (vat.Account is { } vatAccount) lines.Add(LineRole.Vat, vatAccount, vat.Code, amount, labels.Vat(vatRate));
                    else if (amount != 0) AddOrUnmapped(lines, unmapped, mappings, labels, LineRole.Vat, null, amount, labels.Vat(vatRate),
                        $"mappings.vat_rates.{vat.Key}.account");
                }
            }
            if (gross)
            {
                AddOrUnmapped(lines, unmapped, mappings, labels, LineRole.Discount, mappings.Discounts, group.LossExVat, labels.Discounts,
                    "mappings.discounts");
                AddOrUnmapped(lines, unmapped, mappings, labels, LineRole.Complimentary, mappings.Complimentary, group.OfferedExVat,
                    labels.Complimentary, "mappings.complimentary");
            }
        }

        foreach (var (methodId, method) in sums.PaymentMethods)
        {
            var name = method.Name ?? methodId;
            if (mappings.PaymentMethods.TryGetValue(methodId, out var account))
                lines.Add(LineRole.Payment, account, null, method.TotalWithTips, name, method.Name);
            else
            {
                unmapped.PaymentMethod(methodId, name);
                if (mappings.Suspense is { } suspense) lines.Add(LineRole.Payment, suspense, null, method.TotalWithTips, labels.UnmappedPayments);
            }
        }
        AddOrUnmapped(lines, unmapped, mappings, labels, LineRole.Tips, mappings.Tips, sums.Tips, labels.Tips, "mappings.tips");

        // Cash rounding the till recorded is booked as such before the balance check, so it never
        // counts against the rounding threshold or the tolerance (booking-rules section 2).
        var roundedUp = sums.CashRounding > 0;
        AddOrUnmapped(lines, unmapped, mappings, labels, LineRole.CashRounding, roundedUp ? mappings.Rounding.Credit : mappings.Rounding.Debit,
            sums.CashRounding, labels.CashRounding, roundedUp ? "mappings.rounding.credit" : "mappings.rounding.debit");

        if (unmapped.Any)
        {
            if (mappings.Suspense is null)
                return BookingOutcome.Failed(new BookingProblem(BookingCodes.Unmapped, unmapped.Describe(), unmapped.ToDetails()), warnings);
            warnings.Add(new BookingWarning(BookingCodes.UnmappedToSuspense,
                $"{unmapped.Describe()}: booked to the suspense account {mappings.Suspense}."));
        }

        var rounded = lines.Round();
        var gap = 0m;
        foreach (var line in rounded) gap += line.SignedDebit;
        if (rounded.Count == 0 && gap == 0)
        {
            return BookingOutcome.NotBooked(BookingStatus.NothingToBook, BookingCodes.NothingToBook,
                $"The day {day.BusinessDate:yyyy-MM-dd} is closed and its sales and payments add up to nothing to book.", warnings);
        }

        if (gap != 0)
        {
            var balance = Balance.Decide(gap, rounded, settings, mappings, counted, labels);
            if (balance.Problem is { } problem) return BookingOutcome.Failed(problem, warnings);
            rounded.Add(balance.Line!);
            if (balance.Warning is { } warning) warnings.Add(warning);
        }

        var entry = new JournalEntry
        {
            Number = EntryNumbers.For(day.LocationId, day.BusinessDate),
            Date = day.BusinessDate,
            Journal = settings.Journal ?? "",
            Currency = settings.Currency,
            Lines = rounded
                .OrderBy(l => l.Role)
                .ThenBy(l => l.Account, StringComparer.Ordinal)
                .ThenBy(l => l.VatCode, StringComparer.Ordinal)
                .Select(l => l.ToJournalLine())
                .ToList(),
        };
        return BookingOutcome.Booked(entry, warnings);
    }

    private static void AddOrUnmapped(EntryLines lines, UnmappedData unmapped, Mappings mappings, EntryLabels labels, LineRole role,
        string? account, decimal amount, string label, string mappingPath)
    {
        if (amount == 0) return;
        if (account is not null)
        {
            lines.Add(role, account, null, amount, label);
            return;
        }
        unmapped.Account(mappingPath);
        if (mappings.Suspense is { } suspense) lines.Add(role, suspense, null, amount, labels.Suspense(label));
    }

    private static List<Order> CountedOrders(ServiceDay day, Location location, List<BookingWarning> warnings)
    {
        var counted = new List<Order>(day.Orders.Count);
        List<string>? elsewhere = null;
        foreach (var order in day.Orders)
        {
            if (!BusinessDayRules.IsCounted(order)) continue;
            var belongsTo = BusinessDayRules.DayOf(order, location, day.BusinessDate);
            if (belongsTo == day.BusinessDate) counted.Add(order);
            else (elsewhere ??= []).Add($"{order.Id} ({belongsTo:yyyy-MM-dd})");
        }
        if (elsewhere is not null)
        {
            warnings.Add(new BookingWarning(BookingCodes.OrderOtherDay,
                $"{elsewhere.Count} order(s) belong to another business day and were left out: " +
                    $"{string.Join(", ", elsewhere.Take(20))}{(elsewhere.Count > 20 ? ", ..." : "")}."));
        }
        return counted;
    }
}
