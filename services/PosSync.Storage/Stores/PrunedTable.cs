namespace PosSync.Storage.Stores;

/// <summary>What a prune deleted from one table (or, on a dry run, would delete), and in how many statements.</summary>
public sealed record PrunedTable(string Table, long Rows, int Batches);
