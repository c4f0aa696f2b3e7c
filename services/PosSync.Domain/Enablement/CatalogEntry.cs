namespace PosSync.Domain.Enablement;

public sealed record CatalogEntry(string Id, string Name);
