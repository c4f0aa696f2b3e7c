using PosSync.Domain.Configuration;

namespace PosSync.Storage.Stores;

/// <summary>A consumer's configuration and the version it was read at (each change of it counts one up).</summary>
public sealed record VersionedConfiguration(long Version, ConsumerConfiguration Config);
