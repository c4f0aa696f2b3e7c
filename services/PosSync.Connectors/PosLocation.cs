namespace PosSync.Connectors;

/// <summary>A location as the POS names it.</summary>
public sealed record PosLocation(string Id, string Name, string? TimeZone);
