using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>What a support bundle is about: the consumer, the day, and the facts the ticket asks for.</summary>
/// <param name="LastToleranceChange">The latest change of settings.tolerance in the history, if any.</param>
/// <param name="Fetched">Per location, what the order export printed: what PosSync fetched from the POS for the day.</param>
public sealed record BundleFacts(string ConsumerId, string Name, DateOnly Day, IReadOnlyList<string> Locations, DateTime WrittenAt,
    decimal Tolerance, ConfigurationHistoryEntry? LastToleranceChange, IReadOnlyDictionary<string, string> Fetched);
