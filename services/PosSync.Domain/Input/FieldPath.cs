namespace PosSync.Domain.Input;

/// <summary>
/// Where a field is, rendered as text (<c>orders[3].items[0].total</c>) only when a problem names
/// it: a large day reads millions of fields and fails on few, so it builds no path it never shows.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _parent;
    private readonly string? _name;

    public FieldPath(string parent, string? name)
    {
        _parent = parent;
        _name = name;
    }

    public static implicit operator FieldPath(string path) => new(path, null);

    public override string ToString() => _name is null ? _parent : FieldReader.Join(_parent, _name);
}
