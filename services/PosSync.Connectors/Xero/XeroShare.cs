namespace PosSync.Connectors.Xero;

/// <summary>One journal line a sales line is sent as: its share of the line's net and the VAT Xero derives back from net + VAT.</summary>
public sealed record XeroShare(decimal Net, decimal Vat);
