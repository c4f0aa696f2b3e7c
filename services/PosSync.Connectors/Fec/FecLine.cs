namespace PosSync.Connectors.Fec;

/// <summary>One record of a FEC-format file: the 18 legal columns, in their legal order.</summary>
public sealed record FecLine(
    string JournalCode, string JournalLib, string EcritureNum, DateOnly EcritureDate, string CompteNum, string CompteLib,
    string PieceRef, DateOnly PieceDate, string EcritureLib, decimal Debit, decimal Credit, DateOnly ValidDate,
    decimal? Montantdevise = null, string? Idevise = null);
