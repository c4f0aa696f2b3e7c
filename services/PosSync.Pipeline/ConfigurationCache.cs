using System.Collections.Concurrent;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// The consumers' configurations a process has read, each with its version. A stage reads the
/// version with the execution (one round trip) and the configuration only when the version differs:
/// `consumers apply` counts the version up, so the next message of any process sees the change.
/// </summary>
public sealed class ConfigurationCache(ConsumerStore consumers)
{
    private readonly ConcurrentDictionary<string, VersionedConfiguration> _held = new(StringComparer.Ordinal);

    /// <summary>The configuration at <paramref name="version"/> (null: the consumer is not configured).</summary>
    public async Task<ConsumerConfiguration?> GetAsync(string consumerId, long? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            _held.TryRemove(consumerId, out _);
            return null;
        }
        if (_held.TryGetValue(consumerId, out var held) && held.Version == version) return held.Config;
        var read = await consumers.GetVersionedAsync(consumerId, cancellationToken);
        if (read is null) _held.TryRemove(consumerId, out _);
        else _held[consumerId] = read;
        return read?.Config;
    }
}
