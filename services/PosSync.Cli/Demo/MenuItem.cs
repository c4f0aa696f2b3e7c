namespace PosSync.Cli.Demo;

/// <summary>What a French brasserie and a bakery sell, with VAT rates as French law sets them.</summary>
public sealed record MenuItem(string Name, decimal PriceWithVat, decimal Rate, DemoCategory Category);
