namespace PosSync.Cli.Demo;

/// <summary>
/// What the demo's Lightspeed tills know: accounting groups and payment methods with Lightspeed's
/// int64 ids, which the clients' configurations map to accounts.
/// </summary>
public static class DemoCatalog
{
    public const string Card = "141948669132824";
    public const string Cash = "141948669132825";
    public const string MealVoucher = "141948669132826";

    public static readonly DemoCategory Food = new("141948669132845", "Cuisine");
    public static readonly DemoCategory Drinks = new("141948669132846", "Boissons");
    public static readonly DemoCategory Bread = new("141948669132847", "Pain");
    public static readonly DemoCategory Viennoiserie = new("141948669132848", "Viennoiserie");
    public static readonly DemoCategory Patisserie = new("141948669132849", "Pâtisserie");
    public static readonly DemoCategory Snacking = new("141948669132850", "Snacking");

    public static readonly (string Id, string Name)[] PaymentMethods = [(Card, "Card"), (Cash, "Cash"), (MealVoucher, "Ticket Restaurant")];
}
