using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>What the floor's hops put in the messages they pass on: a day and its entry of the benchmark's size.</summary>
public sealed record FloorTemplate(ServiceDay Day, JournalEntry Entry);
