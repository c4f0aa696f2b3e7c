namespace PosSync.Cli.Demo;

/// <summary>
/// A dish or drink on the pub's Square catalog: its item and variation ids, its price in pence (VAT
/// inside, as UK prices are) and the catalog category and tax it is sold under.
/// </summary>
public sealed record PubDish(string ItemId, string VariationId, string Name, long Pence, string CategoryId, string TaxId);
