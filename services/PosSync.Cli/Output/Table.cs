namespace PosSync.Cli.Output;

/// <summary>
/// A plain text table for terminals: aligned columns; a long cell is cut with an ellipsis, or, when
/// its end matters (a message whose hint comes last), wrapped at spaces onto the following lines.
/// </summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Row(params string?[] cells)
    {
        _rows.Add(cells.Select(c => c ?? "").ToArray());
        return this;
    }

    public int Count => _rows.Count;

    /// <param name="wrap">Long cells continue on the next lines instead of being cut.</param>
    public void WriteTo(TextWriter writer, int maxCellWidth = 60, bool wrap = false)
    {
        var rows = _rows.Select(r => r.Select(c => Fit(c.ReplaceLineEndings(" "), maxCellWidth, wrap)).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0
            : rows.Max(r => i < r.Length ? r[i].Max(l => l.Length) : 0))).ToArray();
        writer.WriteLine(Line(headers, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            for (var line = 0; line < row.Max(c => c.Count); line++)
                writer.WriteLine(Line(row.Select(c => line < c.Count ? c[line] : "").ToList(), widths));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", widths.Select((w, i) => (i < cells.Count ? cells[i] : "").PadRight(w))).TrimEnd();

    private static IReadOnlyList<string> Fit(string text, int width, bool wrap) =>
        text.Length <= width ? [text] : wrap ? Wrap(text, width) : [string.Concat(text.AsSpan(0, width - 1), "…")];

    /// <summary>
    /// Greedy wrap at spaces. A parenthesised clause that fits on a line stays on one line ("(…:
    /// possible unrecorded tip)" is read whole); a word longer than the width (a URL) is split where it must be.
    /// </summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var unit in Units(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), width))
        {
            var rest = unit;
            if (current.Length > 0 && current.Length + 1 + rest.Length <= width)
            {
                current += " " + rest;
                continue;
            }
            if (current.Length > 0) lines.Add(current);
            while (rest.Length > width)
            {
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            current = rest;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    /// <summary>The words, with each parenthesised clause that fits in <paramref name="width"/> joined into one unit.</summary>
    private static IEnumerable<string> Units(string[] words, int width)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!words[i].StartsWith('('))
            {
                yield return words[i];
                continue;
            }
            var depth = 0;
            var end = i;
            for (; end < words.Length; end++)
            {
                depth += words[end].Count(c => c == '(') - words[end].Count(c => c == ')');
                if (depth <= 0) break;
            }
            var clause = string.Join(' ', words[i..Math.Min(end + 1, words.Length)]);
            if (depth <= 0 && clause.Length <= width)
            {
                yield return clause;
                i = end;
            }
            else yield return words[i];
        }
    }
}
