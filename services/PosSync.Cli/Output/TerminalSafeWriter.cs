using System.Globalization;
using System.Text;

namespace PosSync.Cli.Output;

/// <summary>
/// What possync prints comes partly from outside: vendors' messages kept verbatim, POS names,
/// stored errors. A terminal would obey an escape sequence hidden in them (clear the screen,
/// rewrite a line, a link) and bidirectional overrides would reorder what support reads, so every
/// such character is shown as a visible \uXXXX instead. Line breaks and tabs pass; JSON output is
/// already escaped and stays unchanged.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    public static string Clean(string text)
    {
        if (!text.Any(IsUnsafe)) return text;
        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c)) clean.Append(Escape(c));
            else clean.Append(c);
        }
        return clean.ToString();
    }

    public override void Write(char value)
    {
        if (IsUnsafe(value)) inner.Write(Escape(value));
        else inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (value is not null) inner.Write(Clean(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }

    private static string Escape(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
