using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>
/// What an operation that starts day runs returned, and — on the embedded transport, where the
/// runs ran in this process — each started run's final record (empty when the workers run them).
/// </summary>
public sealed record BusRun<T>(T Result, IReadOnlyDictionary<Guid, ExecutionRecord?> Finals, bool RanHere);
