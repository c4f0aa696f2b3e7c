namespace PosSync.Sandbox.Pennylane;

/// <summary>A ledger entry as Pennylane keeps it.</summary>
public sealed record PennylaneEntry(long Id, string Label, DateOnly Date, string? PieceNumber, long JournalId, string Currency,
    IReadOnlyList<PennylaneLine> Lines, DateTimeOffset CreatedAt);
