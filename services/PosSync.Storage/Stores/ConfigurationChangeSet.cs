using PosSync.Domain.Configuration;

namespace PosSync.Storage.Stores;

/// <summary>What one apply changed, and who applied which file (or <c>api</c>): recorded with the configuration it produced.</summary>
public sealed record ConfigurationChangeSet(string ChangedBy, string Source, IReadOnlyList<ConfigurationChange> Changes);
