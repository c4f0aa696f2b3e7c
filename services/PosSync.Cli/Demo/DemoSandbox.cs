using PosSync.Sandbox;

namespace PosSync.Cli.Demo;

/// <summary>Fills the vendor sandboxes with the demo week: the clients' Lightspeed businesses and days, their Pennylane companies.</summary>
public static class DemoSandbox
{
    public static void Seed(SandboxHost sandbox)
    {
        sandbox.Lightspeed.AddBusiness("acct-brasserie", "Brasserie Centrale", (DemoWeek.Centre, "Centre", "Europe/Paris"),
            (DemoWeek.Gare, "Gare", "Europe/Paris"));
        sandbox.Lightspeed.AddBusiness("acct-boulangerie", "Boulangerie Martin", (DemoWeek.Shop, "Boutique", "Europe/Paris"));
        sandbox.Lightspeed.AddBusiness("acct-zinc", "Café Le Zinc", (DemoWeek.Zinc, "Le Zinc", "Europe/Paris"));
        foreach (var day in DemoWeek.Days()) sandbox.Lightspeed.AddDay(day.Day, day.Complete);
        // Every payment method the tills know, whether or not this week used it.
        foreach (var blId in new[] { DemoWeek.Centre, DemoWeek.Gare, DemoWeek.Shop, DemoWeek.Zinc })
            foreach (var (id, name) in DemoCatalog.PaymentMethods)
                sandbox.Lightspeed.AddPaymentMethod(blId, id, name);

        foreach (var account in new[] { "acct-brasserie", "acct-zinc" })
        {
            sandbox.Pennylane.AddCompany(account, account == "acct-zinc" ? "Le Zinc SARL" : "Brasserie Centrale SAS");
            sandbox.Pennylane.AddJournal(account, "CA", "Caisse");
            sandbox.Pennylane.AddAccounts(account, DemoWeek.PennylaneAccounts);
        }

        sandbox.Lightspeed.Faults.Next($"daily-financials:{DemoWeek.PosDown.BlId}:{DemoWeek.PosDown.Date:yyyy-MM-dd}",
            new Fault(FaultKind.Status, 503, "Service Unavailable"), times: 10);
        // One answer lost after Pennylane stored the entry: the look-up finds it, no second entry.
        sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(FaultKind.CommitThenFail, 502));
    }

    public static OAuthServer OAuth(SandboxHost sandbox, string connector) => connector switch
    {
        "lightspeed" => sandbox.Lightspeed.OAuth,
        "pennylane" => sandbox.Pennylane.OAuth,
        "square" => sandbox.Square.OAuth,
        "xero" => sandbox.Xero.OAuth,
        _ => throw new ArgumentException($"the demo has no {connector} sandbox", nameof(connector)),
    };

    public static int PennylaneEntries(SandboxHost sandbox) =>
        new[] { "acct-brasserie", "acct-zinc" }.Sum(a => sandbox.Pennylane.Entries(a).Count);
}
