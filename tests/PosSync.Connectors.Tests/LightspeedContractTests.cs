using System.Net.Http.Headers;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Connectors.Lightspeed;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Sandbox.Lightspeed;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>What Lightspeed's published contract says and our notes had wrong (docs/vendors/lightspeed.md), over the sandbox.</summary>
public class LightspeedContractTests
{
    private static readonly Domain.Configuration.Location Centre =
        new(VendorWorld.Centre, "Centre", TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), TimeSpan.FromHours(4));
    private static readonly DateOnly Friday = new(2025, 3, 14);

    private static async Task<JsonElement> GetAsync(ConnectorRig rig, string path)
    {
        var token = (await rig.Connections.GetAsync("c-brasserie", ConnectionStore.Pos, CancellationToken.None))!.AccessToken;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, rig.Vendors.Sandbox.LightspeedUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public async Task Ids_arrive_as_int64_numbers_and_are_read_as_the_ids_mappings_name()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));

        var raw = await GetAsync(rig, $"/f/finance/{VendorWorld.Centre}/dailyFinancials?date=2025-03-14&include=payments");
        var businesses = await GetAsync(rig, "/f/data/businesses");
        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, Friday, CancellationToken.None);

        var sale = raw.GetProperty("sales")[0];
        Assert.That(sale.GetProperty("payments")[0].GetProperty("paymentMethodId").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(
            sale.GetProperty("salesLines")[0].GetProperty("accountingGroup").GetProperty("accountingGroupId").ValueKind,
            Is.EqualTo(JsonValueKind.Number));
        Assert.That(
            businesses.GetProperty("_embedded").GetProperty("businessList")[0].GetProperty("businessLocations")[0].GetProperty("blID").ValueKind,
            Is.EqualTo(JsonValueKind.Number));
        var order = fetched.Value!.Day!.Orders[0];
        Assert.That(order.Payments[0].PaymentMethodId, Is.EqualTo(LightspeedIds.Text("pm-card")));
        Assert.That((order.Items[0].CategoryId, order.Items[0].CategoryName), Is.EqualTo((LightspeedIds.Text("cat-food"), "cat-food")));
    }

    [Test]
    public async Task A_login_with_150_business_locations_lists_all_of_them()
    {
        await using var rig = await ConnectorRig.StartAsync();
        for (var i = 0; i < 150; i++)
            rig.Vendors.Sandbox.Lightspeed.AddBusiness(VendorWorld.Account, $"Franchise {i}", ($"{5000 + i}", $"Shop {i}", "Europe/Brussels"));

        var locations = (await rig.Pos<LightspeedConnector>().LocationsAsync(rig.Context, CancellationToken.None)).Value!;

        Assert.That(locations, Has.Count.EqualTo(152), "the brasserie's two and the 150 franchises");
        Assert.That(locations.Select(l => l.Id), Does.Contain("5149"));
    }

    [Test]
    public async Task Businesses_beyond_the_documented_page_size_are_read_from_the_next_page()
    {
        await using var rig = await ConnectorRig.StartAsync();
        for (var i = 0; i < 1000; i++)
            rig.Vendors.Sandbox.Lightspeed.AddBusiness(VendorWorld.Account, $"Franchise {i}", ($"{10000 + i}", $"Shop {i}", "Europe/Paris"));

        var locations = (await rig.Pos<LightspeedConnector>().LocationsAsync(rig.Context, CancellationToken.None)).Value!;

        Assert.That(locations, Has.Count.EqualTo(1002));
        var pages = rig.Vendors.Sandbox.Journal
            .All(LightspeedSandbox.Vendor)
            .Where(r => r.Path.StartsWith("/lightspeed/f/data/businesses"))
            .Select(r => r.Path);
        Assert.That(pages, Is.EqualTo(new[] { 0, 1, 2 }.Select(p => $"/lightspeed/f/data/businesses?page={p}&size=1000")), "until a page is empty");
    }

    [TestCase(LightspeedFinancialApi.V1, 2, TestName = "V1 dailyFinancials shows a back-office cancellation on the sale's own day")]
    [TestCase(LightspeedFinancialApi.V2, 3, TestName = "V2 sales-daily still shows the cancelled sale on its day, as its docs warn")]
    public async Task A_cancellation_made_the_next_day_in_the_back_office(LightspeedFinancialApi api, int countedOnTheDay)
    {
        await using var rig = await ConnectorRig.StartAsync();
        var day = DayBuilder.For("2025-03-14", VendorWorld.Centre)
            .Order("O-1", o => o.Item(1, 10m, 11m, 1m, 10).Pay("pm-card", 11m))
            .Order("O-2", o => o.Item(1, 20m, 22m, 2m, 10).Pay("pm-card", 22m))
            .Order("O-3", o => o.Item(1, 30m, 33m, 3m, 10).Pay("pm-cash", 33m))
            .Build();
        rig.Vendors.AddDay(day);
        rig.Vendors.Sandbox.Lightspeed.CancelInBackOffice(VendorWorld.Centre, Friday, "O-2", Friday.AddDays(1));
        rig.Get<VendorOptions>().Lightspeed.FinancialApi = api;

        var fetched = (await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, Friday, CancellationToken.None)).Value!.Day!;

        Assert.That(fetched.Orders.Count(o => o.Status == OrderStatus.Completed), Is.EqualTo(countedOnTheDay));
    }

    [Test]
    public async Task A_Belgian_cash_day_with_roundingAmount_books_to_the_rounding_account_with_no_difference_line()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var day = DayBuilder.For("2025-03-14", VendorWorld.Centre);
        // 40 cash bills of 11.01 to 11.03, each paid rounded to the nearest 5 cents: 0.64 rounded down
        // in all, far past the 0.05 rounding threshold that alone would make a difference line.
        var cents = new[] { 0.01m, 0.02m, 0.02m, 0.02m, 0.01m };
        for (var i = 0; i < 40; i++)
        {
            var bill = 11.00m + cents[i % cents.Length];
            var paid = Math.Round(bill * 20, MidpointRounding.AwayFromZero) / 20;
            day.Order($"B-{i}", o => o.Item(1, bill - 1.00m, bill, 1.00m, 10).Pay("pm-cash", paid).Rounding(paid - bill));
        }
        rig.Vendors.AddDay(day.Build());
        var config = ReferenceConfiguration.Load(c => VendorWorld.Configure(c));

        var fetched = (await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, Friday, CancellationToken.None)).Value!.Day!;
        var outcome = BookingEngine.Book(config, fetched);

        Assert.That(fetched.Orders.Sum(o => o.Rounding), Is.EqualTo(-0.64m));
        Assert.That(outcome.Status, Is.EqualTo(BookingStatus.Booked), outcome.Reason?.Message);
        Assert.That(
            outcome.Entry!.Lines.Where(l => l.Account == "658100").Select(l => l.Debit),
            Is.EqualTo(new[] { 0.64m }),
            "cash rounding, debited");
        Assert.That(outcome.Entry.Lines.Select(l => l.Account), Has.None.AnyOf("658000", "758000"), "no difference line");
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [Test]
    public async Task A_tax_exclusive_location_with_two_taxes_on_one_line_books_both_taxes_to_their_accounts()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.AddBusiness("acct-us", "Diner", taxInclusive: false, ("7001", "Main Street", "America/New_York"));
        await rig.Connections.SaveAsync("c-brasserie", ConnectionStore.Pos, "lightspeed",
            rig.Vendors.Sandbox.Lightspeed.OAuth.IssueFor("acct-us", "financial-api").AccessToken, null,
            DateTime.UtcNow.AddHours(1), null, CancellationToken.None);
        // 10.00 before tax, 6 % state tax and 2 % city tax added at the till: the guest pays 10.80.
        rig.Vendors.AddDay(DayBuilder.For("2025-03-14", "7001")
            .Order("D-1", o => o.ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", [new ItemTax(6, 0.60m), new ItemTax(2, 0.20m)]).Pay("pm-card", 10.80m))
            .Build());
        var config = ReferenceConfiguration.Load(c =>
        {
            VendorWorld.Configure(c);
            c["locations"]![0]!["id"] = "7001";
            c["locations"]![0]!["timezone"] = "America/New_York";
            c["mappings"]!["vat_rates"]!["6"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "ST6", ["account"] = "445716" };
            c["mappings"]!["vat_rates"]!["2"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "CT2", ["account"] = "445702" };
        });
        var diner = new Domain.Configuration.Location(
            "7001",
            "Main Street",
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            TimeSpan.FromHours(4));

        var fetched = (await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, diner, Friday, CancellationToken.None)).Value!.Day!;
        var outcome = BookingEngine.Book(config, fetched);

        Assert.That(fetched.Orders[0].Items[0].Total, Is.EqualTo(10.80m), "a tax-exclusive line is its amount before tax plus its taxes");
        Assert.That(outcome.Status, Is.EqualTo(BookingStatus.Booked), outcome.Reason?.Message);
        var credits = outcome.Entry!.Lines.Where(l => l.Credit > 0).Select(l => (l.Account, l.Credit));
        Assert.That(credits, Is.EquivalentTo(new[] { ("706100", 10.00m), ("445716", 0.60m), ("445702", 0.20m) }));
    }
}
