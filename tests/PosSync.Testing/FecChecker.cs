using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PosSync.Testing;

/// <summary>
/// Checks a written FEC-format file against every rule docs/vendors/fec.md lists as checkable, from
/// its bytes. It shares no code with the writer on purpose: a bug copied into both would pass.
/// </summary>
public static partial class FecChecker
{
    private static readonly string[] Columns =
    [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib",
        "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ];

    // A47 VII 1° table ("à blanc si non utilisé" only for the others) and Test Compta Demat's NOT NULL columns.
    private static readonly string[] Mandatory =
    [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "PieceRef", "PieceDate",
        "EcritureLib", "Debit", "Credit", "ValidDate",
    ];

    private static readonly Encoding Latin9 = CreateLatin9();

    private static Encoding CreateLatin9()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-8859-15", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static IReadOnlyList<FecViolation> Check(string path) => Check(File.ReadAllBytes(path));

    public static IReadOnlyList<FecViolation> Check(byte[] bytes)
    {
        var found = new List<FecViolation>();
        CheckBytes(bytes, found);
        var text = Latin9.GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var records = Records(text, found);
        if (records.Count == 0)
        {
            found.Add(new FecViolation(1, "(file)", "the file is empty: the first line must name the columns"));
            return found;
        }
        CheckHeader(records[0], found);
        var rows = new List<Row>();
        for (var i = 1; i < records.Count; i++)
        {
            if (CheckRecord(i + 1, records[i], found) is { } row) rows.Add(row);
        }
        CheckEntries(rows, found);
        return found;
    }

    private sealed record Row(
        int Line, Dictionary<string, string> Fields, DateOnly? EcritureDate, DateOnly? ValidDate, decimal? Debit,
        decimal? Credit)
    {
        public string this[string column] => Fields[column];
    }

    private static void CheckBytes(byte[] bytes, List<FecViolation> found)
    {
        if (bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF])
            || bytes.AsSpan().StartsWith((byte[])[0xFF, 0xFE])
            || bytes.AsSpan().StartsWith((byte[])[0xFE, 0xFF]))
            found.Add(new FecViolation(1, "(file)", "starts with a byte order mark; PosSync writes none"));
        var line = 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == (byte)'\n') line++;
            // C0/C1 controls have no printable meaning in ISO 8859-15; tab, CR and LF are the only ones a FEC uses.
            if ((b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n') || b is 0x7F or >= 0x80 and <= 0x9F)
                found.Add(new FecViolation(line, "(bytes)", $"byte 0x{b:X2} at offset {i} is not a printable ISO 8859-15 character"));
            // "Ã©" for "é": text encoded as UTF-8 reads as valid but wrong ISO 8859-15.
            if (b is >= 0xC2 and <= 0xF4 && i + 1 < bytes.Length && bytes[i + 1] is >= 0xA0 and <= 0xBF)
                found.Add(new FecViolation(line, "(bytes)", $"bytes 0x{b:X2} 0x{bytes[i + 1]:X2} at offset {i} look like UTF-8, not ISO 8859-15"));
        }
    }

    /// <summary>PosSync ends every record with CRLF; a bare CR or LF would make a record the reader cannot place.</summary>
    private static List<string> Records(string text, List<FecViolation> found)
    {
        var records = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                records.Add(text[start..i]);
                start = i + 2;
                i++;
            }
            else if (text[i] is '\r' or '\n')
            {
                found.Add(new FecViolation(records.Count + 1, "(record)", "a bare CR or LF: records end with CRLF"));
            }
        }
        if (start < text.Length) found.Add(new FecViolation(records.Count + 1, "(record)", "the last record has no CRLF"));
        if (start < text.Length) records.Add(text[start..]);
        return records;
    }

    private static void CheckHeader(string header, List<FecViolation> found)
    {
        if (header.Contains('|')) found.Add(new FecViolation(1, "(header)", "'|' in a tab-separated file: the separator must be one kind only"));
        var names = header.Split('\t');
        if (names.Length != Columns.Length)
            found.Add(new FecViolation(1, "(header)", $"{names.Length} column names, the FEC has {Columns.Length}"));
        for (var i = 0; i < Math.Min(names.Length, Columns.Length); i++)
        {
            if (names[i] != Columns[i])
                found.Add(new FecViolation(1, Columns[i], $"column {i + 1} is named '{names[i]}', the FEC order wants '{Columns[i]}'"));
        }
    }

    private static Row? CheckRecord(int line, string record, List<FecViolation> found)
    {
        var values = record.Split('\t');
        if (values.Length != Columns.Length)
        {
            found.Add(new FecViolation(line, "(record)", $"{values.Length} fields, the header has {Columns.Length}"));
            return null;
        }
        var fields = Columns.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        foreach (var (column, value) in fields)
        {
            if (value.Contains('|')) found.Add(new FecViolation(line, column, "'|', the other legal separator, inside a field"));
        }
        foreach (var column in Mandatory.Where(c => fields[c].Trim().Length == 0))
            found.Add(new FecViolation(line, column, "is mandatory and empty"));

        var ecritureDate = Date(line, "EcritureDate", fields, found);
        Date(line, "PieceDate", fields, found);
        var validDate = Date(line, "ValidDate", fields, found);
        Date(line, "DateLet", fields, found);
        var debit = Amount(line, "Debit", fields, found);
        var credit = Amount(line, "Credit", fields, found);
        if (debit is { } d && credit is { } c && (d == 0) == (c == 0))
            found.Add(
                new FecViolation(line, "Debit", d == 0 ? "Debit and Credit are both zero" : "Debit and Credit are both filled: one side per line"));

        if (fields["CompteNum"].Length > 0 && !AccountStart().IsMatch(fields["CompteNum"]))
            found.Add(new FecViolation(line, "CompteNum", $"'{fields["CompteNum"]}' does not start with 3 digits of the French chart of accounts"));

        var foreignAmount = fields["Montantdevise"];
        var currency = fields["Idevise"];
        if ((foreignAmount.Length == 0) != (currency.Length == 0))
            found.Add(
                new FecViolation(
                    line,
                    foreignAmount.Length == 0 ? "Montantdevise" : "Idevise",
                    "Montantdevise and Idevise are both filled or both empty"));
        if (foreignAmount.Length > 0) Amount(line, "Montantdevise", fields, found);
        if (currency.Length > 0 && !IsoCurrency().IsMatch(currency))
            found.Add(new FecViolation(line, "Idevise", $"'{currency}' is not an ISO 4217 code"));
        if (currency == "EUR")
            found.Add(new FecViolation(line, "Idevise", "a euro line leaves Montantdevise and Idevise empty"));

        if (ecritureDate is { } booked && validDate is { } valid && valid < booked)
            found.Add(new FecViolation(line, "ValidDate", $"{valid:yyyyMMdd} is before the EcritureDate {booked:yyyyMMdd}"));
        return new Row(line, fields, ecritureDate, validDate, debit, credit);
    }

    /// <summary>Rules across lines: balance and one number, one ValidDate per entry, continuous numbers, validation order.</summary>
    private static void CheckEntries(List<Row> rows, List<FecViolation> found)
    {
        // An entry is a run of consecutive lines with the same journal and number; the same number later is a duplicate.
        var entries = new List<List<Row>>();
        foreach (var row in rows)
        {
            if (entries.Count > 0 && entries[^1][0]["JournalCode"] == row["JournalCode"] && entries[^1][0]["EcritureNum"] == row["EcritureNum"])
                entries[^1].Add(row);
            else
                entries.Add([row]);
        }

        var lastNumber = new Dictionary<string, (int Number, int Line)>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        DateOnly? lastValid = null;
        foreach (var entry in entries)
        {
            var first = entry[0];
            var journal = first["JournalCode"];
            var number = first["EcritureNum"];
            if (seen.TryGetValue((journal, number), out var earlier))
                found.Add(new FecViolation(first.Line, "EcritureNum", $"{journal} {number} is already used by the entry at line {earlier}"));
            else
                seen[(journal, number)] = first.Line;

            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (number.Length > 0) found.Add(new FecViolation(first.Line, "EcritureNum", $"'{number}' is not a number of PosSync's sequence"));
            }
            else
            {
                var expected = lastNumber.TryGetValue(journal, out var last) ? last.Number + 1 : 1;
                if (n != expected)
                    found.Add(new FecViolation(first.Line, "EcritureNum", n > expected
                        ? $"{journal} jumps from {expected - 1} to {n}: a gap in the sequence"
                        : $"{journal} {n} after {expected - 1}: the sequence must increase in file order"));
                lastNumber[journal] = (Math.Max(n, expected - 1), first.Line);
            }

            var debit = entry.Sum(r => r.Debit ?? 0m);
            var credit = entry.Sum(r => r.Credit ?? 0m);
            if (debit != credit)
                found.Add(new FecViolation(first.Line, "Debit", $"entry {journal} {number} does not balance: debit {debit} ≠ credit {credit}"));
            // One currency per entry: its lines are converted at one rate, so a mixed entry cannot balance in both.
            foreach (var column in new[] { "PieceRef", "EcritureDate", "ValidDate", "Idevise" })
            {
                foreach (var odd in entry.Where(r => r[column] != first[column]))
                    found.Add(
                        new FecViolation(
                            odd.Line,
                            column,
                            $"'{odd[column]}' differs from the entry's first line ('{first[column]}'): one per entry"));
            }

            foreach (var row in entry)
            {
                if (row.ValidDate is not { } valid) continue;
                if (lastValid is { } previous && valid < previous)
                    found.Add(
                        new FecViolation(row.Line, "ValidDate", $"{valid:yyyyMMdd} after {previous:yyyyMMdd}: the file is in validation order"));
                lastValid = lastValid is { } p && p > valid ? p : valid;
            }
        }

        // The same piece under two numbers: an entry split apart by another one.
        var splitPieces = entries
            .GroupBy(e => (e[0]["JournalCode"], e[0]["PieceRef"]))
            .Where(g => g.Select(e => e[0]["EcritureNum"]).Distinct().Count() > 1);
        foreach (var piece in splitPieces)
        {
            foreach (var entry in piece.Skip(1))
                found.Add(
                    new FecViolation(
                        entry[0].Line,
                        "EcritureNum",
                        $"piece {piece.Key.Item2} already has number {piece.First()[0]["EcritureNum"]}: all lines of an entry carry one number"));
        }
    }

    private static DateOnly? Date(int line, string column, Dictionary<string, string> fields, List<FecViolation> found)
    {
        var text = fields[column];
        if (text.Length == 0) return null;
        if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            found.Add(new FecViolation(line, column, $"'{text}' is not a real date written AAAAMMJJ"));
            return null;
        }
        if (date.Year is < 1900 or > 2099) found.Add(new FecViolation(line, column, $"year {date.Year} is outside 1900–2099"));
        return date;
    }

    private static decimal? Amount(int line, string column, Dictionary<string, string> fields, List<FecViolation> found)
    {
        var text = fields[column];
        if (text.Length == 0) return null;
        if (!PosSyncAmount().IsMatch(text))
        {
            var why = text.Contains('.') ? "uses a point where the FEC wants a decimal comma"
                : text.Any(c => c is ' ' or '\u00A0' or '\u202F') ? "groups digits, and the FEC refuses a thousands separator"
                : text.StartsWith('-') || text.StartsWith('+') ? "is signed: PosSync writes no negative amounts, a reversal swaps the sides"
                : "is not digits, a comma and two decimals";
            found.Add(new FecViolation(line, column, $"'{text}' {why}"));
            return null;
        }
        return decimal.Parse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\d+,\d{2}$")]
    private static partial Regex PosSyncAmount();

    [GeneratedRegex(@"^\d{3}")]
    private static partial Regex AccountStart();

    [GeneratedRegex(@"^[A-Z]{3}$")]
    private static partial Regex IsoCurrency();
}
