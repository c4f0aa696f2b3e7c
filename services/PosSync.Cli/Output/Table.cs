namespace PosSync.Cli.Output;

/// <summary>A plain text table for terminals: aligned columns, long cells cut with an ellipsis.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Row(params string?[] cells)
    {
        _rows.Add(cells.Select(c => c ?? "").ToArray());
        return this;
    }

    public int Count => _rows.Count;

    public void WriteTo(TextWriter writer, int maxCellWidth = 60)
    {
        var cells = _rows.Select(r => r.Select(c => Cut(c.ReplaceLineEndings(" "), maxCellWidth)).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        writer.WriteLine(Line(headers, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) writer.WriteLine(Line(row, widths));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", widths.Select((w, i) => (i < cells.Count ? cells[i] : "").PadRight(w))).TrimEnd();

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
