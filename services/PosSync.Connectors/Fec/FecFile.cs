using System.Globalization;
using System.Text;

namespace PosSync.Connectors.Fec;

/// <summary>
/// The FEC text format (art. A47 A-1 LPF): a header of the 18 column names, tab-separated
/// records, yyyyMMdd dates, comma decimals without thousands separators, ISO-8859-15 bytes.
/// </summary>
public static class FecFile
{
    public static readonly string[] Columns =
    [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib",
        "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ];

    public const string Separator = "\t";
    public const string NewLine = "\r\n";

    public static Encoding Latin9 { get; } = CreateLatin9();

    private static Encoding CreateLatin9()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-8859-15", new EncoderReplacementFallback("?"), new DecoderReplacementFallback("?"));
    }

    /// <summary>The closing date of the fiscal year holding <paramref name="date"/>, for a year ending on MM-dd.</summary>
    public static DateOnly FiscalYearEnd(DateOnly date, string monthDay)
    {
        var month = int.Parse(monthDay[..2], CultureInfo.InvariantCulture);
        var day = int.Parse(monthDay[3..], CultureInfo.InvariantCulture);
        DateOnly End(int year) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
        return End(date.Year) >= date ? End(date.Year) : End(date.Year + 1);
    }

    public static string Header() => string.Join(Separator, Columns);

    public static string Format(FecLine line) => string.Join(Separator,
        Text(line.JournalCode), Text(line.JournalLib), Text(line.EcritureNum), Date(line.EcritureDate), Text(line.CompteNum), Text(line.CompteLib),
        "", "", Text(line.PieceRef), Date(line.PieceDate), Text(line.EcritureLib), Amount(line.Debit), Amount(line.Credit),
        "", "", Date(line.ValidDate), line.Montantdevise is { } m ? Amount(m) : "", Text(line.Idevise ?? ""));

    public static FecLine Parse(string record)
    {
        var f = record.Split('\t');
        if (f.Length != Columns.Length) throw new FormatException($"a FEC record has {Columns.Length} fields, this one {f.Length}");
        return new FecLine(f[0], f[1], f[2], ParseDate(f[3]), f[4], f[5], f[8], ParseDate(f[9]), f[10], ParseAmount(f[11]), ParseAmount(f[12]),
            ParseDate(f[15]), f[16].Length == 0 ? null : ParseAmount(f[16]), f[17].Length == 0 ? null : f[17]);
    }

    public static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static decimal ParseAmount(string text) => decimal.Parse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>A field never holds the separator or a line break.</summary>
    private static string Text(string text) =>
        text.IndexOfAny(['\t', '\r', '\n', '|']) < 0 ? text : string.Concat(text.Select(c => c is '\t' or '\r' or '\n' or '|' ? ' ' : c));
}
