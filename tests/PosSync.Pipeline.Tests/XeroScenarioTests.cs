using PosSync.Contracts;
using PosSync.Sandbox.Xero;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>The three stages booking a Lightspeed café into Xero over real HTTP on loopback (issue 11, Xero).</summary>
[CancelAfter(120_000)]
public class XeroScenarioTests
{
    private const string Consumer = "c-cafe-uk";
    private VendorWorld _vendors = null!;
    private XeroOrganisation _organisation = null!;
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task Start()
    {
        _vendors = await VendorWorld.StartAsync();
        _organisation = XeroWorld.AddOrganisation(_vendors.Sandbox);
        var options = _vendors.Options();
        options.Xero = XeroWorld.Options(_vendors.Sandbox);
        _h = await PipelineHarness.StartAsync(vendors: options);
        await _h.World.AddConsumerAsync(Consumer, c => XeroWorld.Configure(c));
        await _vendors.ConnectAsync(_h.Get<ConnectionStore>(), Consumer, pennylane: false);
        await XeroWorld.ConnectAsync(_vendors.Sandbox, _h.Get<ConnectionStore>(), Consumer);
    }

    [TearDown]
    public async Task Stop()
    {
        await _h.DisposeAsync();
        await _vendors.DisposeAsync();
    }

    private static DayRun Run(string date) => TestWorld.Run(Consumer, date, VendorWorld.Centre, DayTrigger.Schedule);

    /// <summary>Food at 10 % (the organisation's own rate) and drinks at 20 %, paid by card.</summary>
    private static ServiceDay MixedVat(string date) => DayBuilder.For(date, VendorWorld.Centre)
        .Order("O-201", o => o.Item(1, 30.00m, 33.00m, 3.00m, 10).Item(2, 5.00m, 12.00m, 2.00m, 20, "cat-drinks").Pay("pm-card", 45.00m))
        .Build();

    [Test]
    public async Task A_Lightspeed_day_booked_in_Xero_agrees_to_the_cent_with_PosSyncs_entry()
    {
        _vendors.AddDay(MixedVat("2025-03-17"));

        var run = await _h.RunAsync(Run("2025-03-17"));

        Assert.That(run.Status, Is.EqualTo(ExecutionStatus.Success), run.ErrorMessage);
        var journal = _vendors.Sandbox.Xero.Journals(_organisation.TenantId).Single();
        Assert.That(journal.Lines.Select(l => (l.AccountCode, l.LineAmount - l.TaxAmount, l.TaxType, l.TaxAmount)), Is.EquivalentTo(new[]
        {
            ("611", 45.00m, "NONE", 0m), ("201", -30.00m, "TAX001", -3.00m), ("202", -10.00m, "OUTPUT2", -2.00m),
        }));
    }

    [Test]
    public async Task Xeros_day_limit_makes_a_day_wait_not_fail_and_it_books_once_Xero_takes_calls_again()
    {
        _vendors.AddDay(MixedVat("2025-03-17"));
        _vendors.AddDay(MixedVat("2025-03-18"));
        _organisation.DayLimit = 4; // the accounts, the tax rates, the look-up of the first day's journal and the journal

        var booked = await _h.RunAsync(Run("2025-03-17"));
        var waiting = await _h.RunAsync(Run("2025-03-18"));
        _organisation.DayLimit = 5000;
        var later = await _h.RunAsync(Run("2025-03-18"));

        Assert.That(booked.Status, Is.EqualTo(ExecutionStatus.Success), booked.ErrorMessage);
        Assert.That((waiting.Status, waiting.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "ACCOUNTING_QUOTA_SPENT")));
        Assert.That(waiting.ErrorMessage, Does.Contain("day limit of calls is spent").And.Contain("the day waits until"));
        Assert.That(later.Status, Is.EqualTo(ExecutionStatus.Success), later.ErrorMessage);
        Assert.That(_vendors.Sandbox.Xero.Journals(_organisation.TenantId), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_consumer_tracking_its_locations_books_each_days_lines_under_its_locations_option()
    {
        _organisation.TrackingCategories.Add(XeroTrackingCategory.Of("Shop", "Centre", "Gare Saint-Lazare"));
        await _h.World.AddConsumerAsync(Consumer, c =>
        {
            XeroWorld.Configure(c);
            c["accounting"]!["options"] = new System.Text.Json.Nodes.JsonObject
            {
                ["tracking_category"] = "Shop",
                ["tracking_option." + VendorWorld.Gare] = "Gare Saint-Lazare"
            };
        });
        _vendors.AddDay(MixedVat("2025-03-17"));
        _vendors.AddDay(DayBuilder.For("2025-03-17", VendorWorld.Gare)
            .Order("O-301", o => o.Item(1, 30.00m, 33.00m, 3.00m, 10).Pay("pm-card", 33.00m)).Build());

        var centre = await _h.RunAsync(Run("2025-03-17"));
        var gare = await _h.RunAsync(TestWorld.Run(Consumer, "2025-03-17", VendorWorld.Gare, DayTrigger.Schedule));

        Assert.That(centre.Status, Is.EqualTo(ExecutionStatus.Success), centre.ErrorMessage);
        Assert.That(gare.Status, Is.EqualTo(ExecutionStatus.Success), gare.ErrorMessage);
        var options = _vendors.Sandbox.Xero
            .Journals(_organisation.TenantId)
            .Select(j => j.Lines.Select(l => l.Tracking!.Single().Option.Name).Distinct().Single());
        Assert.That(options, Is.EqualTo(new[] { "Centre", "Gare Saint-Lazare" }), "the Centre by its name, the Gare by its setting");
    }
}
