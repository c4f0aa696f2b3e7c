namespace PosSync.Domain.Configuration;

/// <summary>An accounting VAT code and the account its VAT is credited to (null: no VAT line, e.g. exempt).</summary>
public sealed record VatRateMapping(decimal Rate, string Key, string Code, string? Account);
