using PosSync.Sandbox;
using PosSync.Sandbox.Xero;

namespace PosSync.Cli.Demo;

/// <summary>
/// The pub's books in the Xero sandbox. Its landlord's Xero login reaches two organisations, as many do:
/// Xero's UK demo company and The Soho Arms Ltd, so the configuration names the one to book into
/// (accounting.options.tenant). The chart is a UK one (sales 201–203, VAT on 820, clearing accounts for
/// card and cash takings, tips owed to staff) with a liability for gift cards not yet spent.
/// </summary>
public static class DemoXero
{
    public const string Login = "xero-landlord-sohoarms";
    public const string Organisation = DemoSquare.Seller;
    public const string GiftCards = "835";

    /// <summary>The pub's organisation; the demo company next to it gets no journal.</summary>
    public static XeroOrganisation Seed(SandboxHost sandbox)
    {
        sandbox.Xero.AddOrganisation(Login, "Demo Company (UK)").WithUkChart();
        var pub = sandbox.Xero.AddOrganisation(Login, Organisation).WithUkChart();
        pub.Accounts.Add(new XeroAccount(Guid.NewGuid(), GiftCards, "Gift cards outstanding", "CURRLIAB", "LIABILITY", "NONE"));
        return pub;
    }
}
