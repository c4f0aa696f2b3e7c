using System.Text.RegularExpressions;

namespace PosSync.Connectors.Fec;

/// <summary>
/// The file holds only the POS sales journal, so it must not carry the legal FEC's name
/// (SirenFECAAAAMMJJ, A47 IX): nobody may hand it over as the company's FEC. It keeps the SIREN and
/// the closing date, so the accountant still sees whose fiscal year it is (docs/vendors/fec.md).
/// </summary>
public static partial class FecFileName
{
    public static string For(string siren, DateOnly closing) => $"{siren}_VENTES_POS_{FecFile.Date(closing)}.txt";

    /// <summary>The name earlier versions wrote, which a data folder may still hold.</summary>
    public static string Legacy(string siren, DateOnly closing) => $"{siren}FEC{FecFile.Date(closing)}.txt";

    /// <summary>The old name's file for a current name, or null when <paramref name="name"/> is not a current name.</summary>
    public static string? LegacyOf(string name) =>
        CurrentPattern().Match(name) is { Success: true } m ? $"{m.Groups[1].Value}FEC{m.Groups[2].Value}.txt" : null;

    /// <summary>
    /// The current name for a name an accounting id carries: ids booked before the rename name the
    /// old file, which has since become the current one.
    /// </summary>
    public static string Current(string name) =>
        LegacyPattern().Match(name) is { Success: true } m ? $"{m.Groups[1].Value}_VENTES_POS_{m.Groups[2].Value}.txt" : name;

    [GeneratedRegex(@"^(\d{9})_VENTES_POS_(\d{8})\.txt$")]
    private static partial Regex CurrentPattern();

    [GeneratedRegex(@"^(\d{9})FEC(\d{8})\.txt$")]
    private static partial Regex LegacyPattern();
}
