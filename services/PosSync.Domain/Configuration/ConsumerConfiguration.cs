namespace PosSync.Domain.Configuration;

/// <summary>
/// One client's sync: who they are, which POS and accounting tool are connected, their locations,
/// settings and mappings (booking-rules section 1). Built only by <see cref="ConsumerConfigurationReader"/>,
/// so every instance has passed validation.
/// </summary>
public sealed record ConsumerConfiguration
{
    public required string ConsumerId { get; init; }
    public required string Name { get; init; }
    public required string CreatedByEmail { get; init; }
    public Connection? Pos { get; init; }
    public Connection? Accounting { get; init; }
    public required IReadOnlyList<Location> Locations { get; init; }
    public required Settings Settings { get; init; }
    public required Mappings Mappings { get; init; }

    public Location? FindLocation(string locationId) => Locations.FirstOrDefault(l => l.Id == locationId);
}
