using System.Globalization;
using System.Text;

namespace PosSync.Storage;

/// <summary>
/// Text as support searches it: "cafe" finds "Café Le Zinc", "CAFE" too. Lower case, accents
/// removed (é → e, ç → c), and the letters that are two in a plain keyboard written as two (ß → ss,
/// æ → ae, œ → oe). SQLite compares through it (the function <see cref="SqliteFunction"/>); SQL Server
/// compares the folded text under an accent- and case-insensitive collation.
/// </summary>
public static class SearchText
{
    /// <summary>The name SQLite statements call it by.</summary>
    public const string SqliteFunction = "possync_fold";

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            switch (char.ToLowerInvariant(c))
            {
                case 'ß': folded.Append("ss"); break;
                case 'æ': folded.Append("ae"); break;
                case 'œ': folded.Append("oe"); break;
                // Letters with a stroke do not decompose into a letter and a mark.
                case 'ø': folded.Append('o'); break;
                case 'ł': folded.Append('l'); break;
                case 'đ': folded.Append('d'); break;
                case var lower: folded.Append(lower); break;
            }
        }
        return folded.ToString();
    }
}
