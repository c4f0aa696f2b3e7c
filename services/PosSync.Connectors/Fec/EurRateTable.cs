using System.Globalization;

namespace PosSync.Connectors.Fec;

/// <summary>
/// The euro reference rates of the accountant's file, by currency and day. An entry takes the rate
/// of its own date (PCG: an operation in a foreign currency is converted at the rate of its date).
/// The ECB publishes on working days only and the sources are silent on the others, so PosSync takes
/// the last rate published before, at most <see cref="MaxDaysBack"/> days back, and only when the
/// file shows nothing was published in between: the gap is only a weekend, or the file already holds
/// a later day. A weekday past the file's end waits for the file to be updated, because its own rate
/// will be published and an older one would be the wrong rate (docs/vendors/fec.md, Currency).
/// </summary>
public sealed class EurRateTable(string path, IReadOnlyDictionary<string, SortedList<DateOnly, decimal>> rates, DateOnly lastDay)
{
    public const int MaxDaysBack = 7;

    public (EurRate? Rate, string? Problem) RateFor(string currency, DateOnly date)
    {
        if (!rates.TryGetValue(currency, out var days))
            return (null, $"{EurRateFile.Describe(path)} has no {currency} column, so this day's {currency} amounts cannot be converted to euros.");
        var earlier = days.Keys.Where(d => d <= date && d >= date.AddDays(-MaxDaysBack)).DefaultIfEmpty(DateOnly.MinValue).Max();
        if (earlier == DateOnly.MinValue)
        {
            var last = days.Keys.Where(d => d < date).DefaultIfEmpty(DateOnly.MinValue).Max();
            var lastText = last == DateOnly.MinValue ? $"it has no {currency} rate before it"
                : $"its last {currency} rate before it is of {Day(last)}";
            return (null, $"{EurRateFile.Describe(path)} has no {currency} rate for {Day(date)} nor for the {MaxDaysBack} days before " +
                $"({lastText}); " +
                          "add the ECB's rates of that day to the file.");
        }
        if (earlier == date || lastDay > date || OnlyWeekend(earlier, date)) return (new EurRate(earlier, days[earlier]), null);
        return (null, $"{EurRateFile.Describe(path)} ends on {Day(lastDay)} and has no {currency} rate for {Day(date)} yet; " +
                      "update it with the ECB's rates of that day (an earlier rate is used only over a weekend or a day the file has passed).");
    }

    /// <summary>Every day after <paramref name="published"/> up to <paramref name="date"/> is a Saturday or Sunday, when the ECB never
    /// publishes.</summary>
    private static bool OnlyWeekend(DateOnly published, DateOnly date)
    {
        for (var d = published.AddDays(1); d <= date; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) return false;
        }
        return true;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
