namespace PosSync.Domain.Configuration;

public sealed record Location(string Id, string Name, TimeZoneInfo TimeZone, TimeSpan DayCutoff);
