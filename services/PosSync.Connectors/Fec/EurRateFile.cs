using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PosSync.Domain.Configuration;

namespace PosSync.Connectors.Fec;

/// <summary>
/// Reads the accountant's euro reference rates, a CSV in the layout of the ECB's eurofxref-hist.csv
/// (docs/vendors/fec.md, Currency): a header <c>Date,USD,JPY,…</c>, then one line per working day
/// (<c>yyyy-MM-dd</c>, in any order), rates as foreign units per 1 EUR with a decimal point, <c>N/A</c>
/// (or nothing) where a currency has no rate that day. The ECB ends every line with a comma, so a
/// last empty column is allowed. It is read whole and strictly at each booking: a file the accountant
/// broke must stop the day, not give some lines a wrong rate.
/// </summary>
public static partial class EurRateFile
{
    public static (EurRateTable? Table, string? Problem) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, $"{Describe(path)} does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"{Describe(path)} cannot be read: {OneLine(e.Message)}");
        }
        return Parse(path, text);
    }

    /// <summary>How every message names the file, and the option that points at it.</summary>
    public static string Describe(string path) => $"The euro rates file {path} (accounting.options.{ConnectorOptions.EurRates})";

    private static (EurRateTable?, string?) Parse(string path, string text)
    {
        (EurRateTable?, string?) Malformed(int line, string what) =>
            (null, $"{Describe(path)} is not in the ECB's eurofxref-hist.csv layout: line {line}: {what}.");

        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.All(l => l.Trim().Length == 0)) return (null, $"{Describe(path)} is empty.");
        var header = lines[0].Split(',');
        // The ECB's own file ends every line with a comma: an empty last column, which carries nothing.
        var width = header[^1].Length == 0 ? header.Length - 1 : header.Length;
        if (header[0] != "Date") return Malformed(1, $"the header starts with '{Cut(header[0])}', not 'Date'");
        var currencies = header[1..width];
        if (currencies.Length == 0) return Malformed(1, "the header names no currency");
        foreach (var code in currencies)
        {
            if (!CurrencyCode().IsMatch(code)) return Malformed(1, $"'{Cut(code)}' is not an ISO 4217 currency code");
            if (currencies.Count(c => c == code) > 1) return Malformed(1, $"{code} has two columns");
        }

        var rates = currencies.ToDictionary(c => c, _ => new SortedList<DateOnly, decimal>(), StringComparer.Ordinal);
        var days = new HashSet<DateOnly>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length || (width < header.Length && fields[^1].Length != 0))
                return Malformed(i + 1, $"{fields.Length} fields where the header has {header.Length}");
            if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return Malformed(i + 1, $"'{Cut(fields[0])}' is not a date written yyyy-MM-dd");
            if (!days.Add(day)) return Malformed(i + 1, $"{fields[0]} is listed twice");
            for (var c = 0; c < currencies.Length; c++)
            {
                var value = fields[c + 1].Trim();
                if (value is "N/A" or "") continue;
                if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                    return Malformed(i + 1, $"the {currencies[c]} rate '{Cut(value)}' is not a positive number with a decimal point, nor N/A");
                rates[currencies[c]].Add(day, rate);
            }
        }
        if (days.Count == 0) return Malformed(2, "the file holds no day");
        return (new EurRateTable(path, rates, days.Max()), null);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>A cell quoted in a message stays short and on one line, whatever the file holds.</summary>
    private static string Cut(string text) => OneLine(text.Length > 40 ? text[..40] + "…" : text);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
