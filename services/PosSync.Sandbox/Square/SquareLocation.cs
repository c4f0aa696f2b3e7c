namespace PosSync.Sandbox.Square;

/// <summary>A location of a Square seller as ListLocations shows it: its IANA time zone (Square allows none), country and currency.</summary>
public sealed record SquareLocation(string Id, string Name, string? TimeZone, string Country, string Currency, string Status = "ACTIVE");
