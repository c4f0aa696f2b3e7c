namespace PosSync.Cli.Demo;

public static class Menu
{
    public static readonly MenuItem[] Brasserie =
    [
        new("Plat du jour", 16.50m, 10m, DemoCatalog.Food),
        new("Entrecôte frites", 26.40m, 10m, DemoCatalog.Food),
        new("Salade César", 13.20m, 10m, DemoCatalog.Food),
        new("Croque-monsieur", 9.90m, 10m, DemoCatalog.Food),
        new("Café", 2.20m, 10m, DemoCatalog.Drinks),
        new("Eau minérale", 3.30m, 10m, DemoCatalog.Drinks),
        new("Verre de vin", 6.00m, 20m, DemoCatalog.Drinks),
        new("Demi pression", 5.40m, 20m, DemoCatalog.Drinks),
    ];

    public static readonly MenuItem[] Bakery =
    [
        new("Baguette", 1.20m, 5.5m, DemoCatalog.Bread),
        new("Croissant", 1.30m, 5.5m, DemoCatalog.Viennoiserie),
        new("Pain au chocolat", 1.45m, 5.5m, DemoCatalog.Viennoiserie),
        new("Tarte aux pommes", 3.80m, 5.5m, DemoCatalog.Patisserie),
        new("Sandwich jambon-beurre", 5.50m, 10m, DemoCatalog.Snacking),
        new("Café à emporter", 1.80m, 10m, DemoCatalog.Snacking),
    ];
}
