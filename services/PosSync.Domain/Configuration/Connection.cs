namespace PosSync.Domain.Configuration;

/// <summary>A connected tool; <paramref name="Options"/> holds what that connector needs besides credentials (e.g. the FEC's SIREN).</summary>
public sealed record Connection(string Connector, ConnectionStatus? Status, IReadOnlyDictionary<string, string>? Options = null)
{
    public string? Option(string name) => Options?.GetValueOrDefault(name);
}
