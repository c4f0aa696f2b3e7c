namespace PosSync.Domain.Configuration;

public sealed record AccountPair(string? Debit, string? Credit);
