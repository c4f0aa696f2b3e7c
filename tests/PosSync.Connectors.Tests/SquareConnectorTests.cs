using System.Text.Json;
using System.Text.Json.Nodes;
using PosSync.Connectors.Square;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Sandbox;
using PosSync.Sandbox.Square;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The Square connector over real HTTP against the Square sandbox: a business day read from its
/// window, mapped to the canonical day, and booked as booking-rules.md says.
/// </summary>
public class SquareConnectorTests
{
    private static readonly TimeZoneInfo LondonTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly Domain.Configuration.Location Soho = new(VendorWorld.London, "Soho", LondonTime, TimeSpan.FromHours(4));
    private static readonly Domain.Configuration.Location BrooklynShop =
        new(VendorWorld.Brooklyn, "Brooklyn", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), TimeSpan.FromHours(4));
    private static readonly DateOnly Monday = new(2025, 6, 2);

    private static async Task<ConnectorRig> SquareRigAsync(string merchant = VendorWorld.SquareLondonMerchant, params string[] scopes)
    {
        var rig = await ConnectorRig.StartAsync();
        await rig.Vendors.ConnectSquareAsync(rig.Connections, rig.Context.ConsumerId, merchant, scopes);
        return rig;
    }

    private static SquareSandbox Square(ConnectorRig rig) => rig.Vendors.Sandbox.Square;

    /// <summary>An instant of the London evening of <paramref name="day"/> (BST, UTC+1).</summary>
    private static DateTimeOffset LondonAt(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.FromHours(1)).AddHours(hour).AddMinutes(minute);

    private static SquareOrderBuilder PubOrder(string id, DateTimeOffset closedAt) =>
        new SquareOrderBuilder(id, VendorWorld.SohoPub, closedAt).Tax("vat", "VAT 20%", "20", additive: false, catalogId: "tax-vat20");

    private static Task<ConnectorResult<PosDay>> FetchAsync(
        ConnectorRig rig,
        DateOnly day,
        Domain.Configuration.Location? location = null,
        TimeSpan? closeAfter = null) =>
        rig.Pos<SquareConnector>().FetchDayAsync(rig.Context with { CloseAfter = closeAfter }, location ?? Soho, day, CancellationToken.None);

    private static ServiceDay Day(ConnectorResult<PosDay> fetched)
    {
        Assert.That(fetched.Failure, Is.Null, fetched.Failure?.Message);
        return fetched.Value!.Day!;
    }

    private static IEnumerable<(string Account, decimal Debit, decimal Credit)> Booked(ServiceDay day, Action<JsonObject>? change = null)
    {
        var outcome = BookingEngine.Book(SquareConfiguration.Load(change), day);
        Assert.That(outcome.Entry, Is.Not.Null, BookingOutcomeJson.Write(outcome));
        return outcome.Entry!.Lines.Select(l => (l.Account, l.Debit, l.Credit));
    }

    [Test]
    public async Task A_day_with_tips_books_the_tips_to_the_tips_account_and_the_card_with_its_tips()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).AddOrder(
            PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 2500, tip: 300));
        Square(rig).AddOrder(
            PubOrder("O-2", LondonAt(Monday, 21)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-2", "CARD", 550, tip: 50));

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Closure.Status, Is.EqualTo(ClosureStatus.Closed));
        Assert.That(day.Orders.Select(o => (o.Id, o.TotalTip)), Is.EqualTo(new[] { ("O-1", 3.00m), ("O-2", 0.50m) }));
        Assert.That(Booked(day), Is.EquivalentTo(new[]
        {
            ("511200", 34.00m, 0m), ("706100", 0m, 20.83m), ("706200", 0m, 4.58m), ("445711", 0m, 5.09m), ("467100", 0m, 3.50m),
        }));
    }

    [Test]
    public async Task A_split_tender_is_one_payment_per_tender_each_to_its_method()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).AddOrder(PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "2", 1250, "var-burger", ["vat"])
            .Tender("T-1", "CARD", 1500).Tender("T-2", "CASH", 1000));

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders.Single().Payments.Select(p => (p.PaymentMethodId, p.Total)), Is.EqualTo(new[] { ("CARD", 15.00m), ("CASH", 10.00m) }));
        Assert.That(
            Booked(day),
            Is.EquivalentTo(new[] { ("511200", 15.00m, 0m), ("530000", 10.00m, 0m), ("706100", 0m, 20.83m), ("445711", 0m, 4.17m) }));
    }

    [Test]
    public async Task A_gift_card_sold_is_owed_to_its_holder_and_a_gift_card_paid_with_settles_it()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).AddOrder(
            PubOrder("O-1", LondonAt(Monday, 12)).Item("l1", "Gift card", "1", 3000, itemType: "GIFT_CARD").Tender("T-1", "CARD", 3000));
        Square(rig).AddOrder(
            PubOrder("O-2", LondonAt(Monday, 20)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-2", "SQUARE_GIFT_CARD", 1250));

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders[0].Items.Single().CategoryId, Is.EqualTo(SquareCategories.GiftCard));
        Assert.That(day.Orders[1].Payments.Single().PaymentMethodId, Is.EqualTo("SQUARE_GIFT_CARD"));
        Assert.That(Booked(day), Is.EquivalentTo(new[]
        {
            ("511200", 30.00m, 0m), ("419100", 12.50m, 0m), ("706100", 0m, 10.42m), ("445711", 0m, 2.08m), ("419100", 0m, 30.00m),
        }));
    }

    [Test]
    public async Task A_return_of_an_earlier_days_sale_is_booked_on_the_day_of_the_return_to_the_sales_card()
    {
        await using var rig = await SquareRigAsync();
        var sale = PubOrder("O-SALE", LondonAt(Monday, 20)).Item(
            "l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender("T-SALE", "CARD", 2500, tip: 200);
        Square(rig).AddOrder(sale);
        var wednesday = Monday.AddDays(2);
        Square(rig).AddOrder(PubOrder("O-RET", LondonAt(wednesday, 11)).Return(sale, "l1", "1").Refund("R-1", "T-SALE", 1250));

        var monday = Day(await FetchAsync(rig, Monday));
        var returned = Day(await FetchAsync(rig, wednesday));

        Assert.That(monday.Orders.Single().Total, Is.EqualTo(25.00m), "the sale's day is unchanged");
        var refund = returned.Orders.Single();
        Assert.That(
            (refund.Id, refund.TotalRefund, refund.Items.Single().Quantity, refund.Payments.Single().PaymentMethodId, refund.Payments.Single().Total),
            Is.EqualTo(("O-RET", 12.50m, -1m, "CARD", -12.50m)));
        Assert.That(Booked(returned), Is.EquivalentTo(new[] { ("511200", 0m, 12.50m), ("706100", 10.42m, 0m), ("445711", 2.08m, 0m) }));
        Assert.That(rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Count(r => r.Path.EndsWith("/v2/orders/batch-retrieve")), Is.EqualTo(1),
            "the refunded tender's type is read from the sale");
    }

    [Test]
    public async Task An_additive_two_tax_line_books_each_tax_to_its_own_account()
    {
        await using var rig = await SquareRigAsync(VendorWorld.SquareBrooklynMerchant);
        var evening = new DateTimeOffset(2025, 6, 2, 19, 0, 0, TimeSpan.FromHours(-4));
        Square(rig).AddOrder(new SquareOrderBuilder("O-1", VendorWorld.BrooklynDeli, evening)
            .Tax(
                "state", "NY State", "4", additive: true, catalogId: "tax-ny-state").Tax("city", "NYC", "4.875",
                additive: true, catalogId: "tax-nyc")
            .Item("l1", "Bagel", "2", 450, "var-bagel", ["state", "city"]).Tender("T-1", "CARD", 980));

        var day = Day(await FetchAsync(rig, Monday, BrooklynShop));

        var bagel = day.Orders.Single().Items.Single();
        Assert.That((bagel.Total, bagel.TaxAmount, bagel.TaxRate), Is.EqualTo((9.80m, 0.80m, 8.875m)));
        Assert.That(bagel.Taxes, Is.EqualTo(new[] { new ItemTax(4m, 0.36m), new ItemTax(4.875m, 0.44m) }));
        Assert.That(Booked(day, SquareConfiguration.Brooklyn), Is.EquivalentTo(new[]
        {
            ("511200", 9.80m, 0m), ("706100", 0m, 9.00m), ("445712", 0m, 0.36m), ("445713", 0m, 0.44m),
        }));
    }

    [Test]
    public async Task A_cash_rounding_adjustment_is_booked_to_the_rounding_account()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).AddOrder(
            PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "1", 1253, "var-burger", ["vat"]).Tender("T-1", "CASH", 1255).Rounding(2));

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders.Single().Rounding, Is.EqualTo(0.02m));
        Assert.That(
            Booked(day),
            Is.EquivalentTo(new[] { ("530000", 12.55m, 0m), ("706100", 0m, 10.44m), ("445711", 0m, 2.09m), ("758100", 0m, 0.02m) }));
    }

    [Test]
    public async Task Orders_closed_after_midnight_before_the_cut_off_belong_to_the_day_before()
    {
        await using var rig = await SquareRigAsync();
        var tuesday = Monday.AddDays(1);
        Square(rig).AddOrder(
            PubOrder("O-EARLY", LondonAt(Monday, 3, 59)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-1", "CASH", 550));
        Square(rig).AddOrder(
            PubOrder("O-EVENING", LondonAt(Monday, 23)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-2", "CASH", 550));
        Square(rig).AddOrder(
            PubOrder("O-LATE", LondonAt(tuesday, 1, 30)).Item("l1", "Pale ale", "2", 550, "var-ale-pint", ["vat"]).Tender("T-3", "CASH", 1100));
        Square(rig).AddOrder(
            PubOrder("O-NEXT", LondonAt(tuesday, 4)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-4", "CASH", 550));

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders.Select(o => o.Id), Is.EqualTo(new[] { "O-EVENING", "O-LATE" }), "03:59 was Sunday's, 04:00 Tuesday is Tuesday's");
        Assert.That(day.Orders.Select(o => o.ServiceDate), Is.All.EqualTo(Monday));
    }

    [Test]
    public async Task A_day_of_three_pages_is_read_with_the_same_query_and_the_cursor_until_none_comes()
    {
        await using var rig = await SquareRigAsync();
        for (var i = 0; i < 7; i++)
            Square(rig).AddOrder(
                PubOrder($"O-{i}", LondonAt(Monday, 12 + i)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender($"T-{i}", "CARD", 550));
        Square(rig).OrdersPerPage = 3;

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders.Select(o => o.Id), Is.EqualTo(Enumerable.Range(0, 7).Select(i => $"O-{i}")));
        var searches = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Where(r => r.Path.EndsWith("/v2/orders/search")).ToList();
        Assert.That(searches, Has.Count.EqualTo(3));
        Assert.That(searches.Select(r => r.Status), Is.All.EqualTo(200));
    }

    [Test]
    public async Task A_cursor_Square_no_longer_takes_restarts_the_read_from_the_first_page()
    {
        await using var rig = await SquareRigAsync();
        for (var i = 0; i < 4; i++)
            Square(rig).AddOrder(
                PubOrder($"O-{i}", LondonAt(Monday, 12 + i)).Item("l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender($"T-{i}", "CARD", 550));
        Square(rig).OrdersPerPage = 2;
        Square(rig).CursorsToExpire = 1;

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(day.Orders.Select(o => o.Id), Is.EqualTo(new[] { "O-0", "O-1", "O-2", "O-3" }), "each order once");
        var statuses = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Where(r => r.Path.EndsWith("/v2/orders/search")).Select(r => r.Status);
        Assert.That(statuses, Is.EqualTo(new[] { 200, 400, 200, 200 }));
    }

    [Test]
    public async Task A_revoked_token_fails_the_day_as_POS_AUTH_after_one_refresh_so_the_client_reconnects()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).OAuth.RevokeAll(VendorWorld.SquareLondonMerchant);

        var fetched = await FetchAsync(rig, Monday);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_AUTH"));
        Assert.That(fetched.Failure.Kind, Is.EqualTo(FailureKind.Auth));
        var calls = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor);
        Assert.That(calls.Select(c => (c.Path, c.Status)), Is.EqualTo(new[] { ("/square/v2/locations", 401), ("/square/oauth2/token", 401) }),
            "one refused call, one refused refresh, nothing more");
    }

    [Test]
    public async Task A_token_without_a_needed_scope_asks_for_a_new_consent_not_a_new_password()
    {
        await using var rig = await SquareRigAsync(VendorWorld.SquareLondonMerchant, SquareSandbox.MerchantProfileRead, SquareSandbox.ItemsRead);

        var fetched = await FetchAsync(rig, Monday);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_AUTH"));
        Assert.That(fetched.Failure.Message, Does.Contain("INSUFFICIENT_SCOPES").And.Contain("[ORDERS_READ]").And.Contain("consent again"));
    }

    [Test]
    public async Task An_expired_access_token_is_refreshed_and_Squares_refresh_token_is_kept()
    {
        await using var rig = await SquareRigAsync();
        var before = (await rig.Connections.GetAsync(rig.Context.ConsumerId, ConnectionStore.Pos, CancellationToken.None))!;
        await rig.Connections.SaveAsync(rig.Context.ConsumerId, ConnectionStore.Pos, "square", before.AccessToken,
            before.RefreshToken, DateTime.UtcNow.AddMinutes(-1),
            before.Scope, CancellationToken.None);

        var fetched = await FetchAsync(rig, Monday);

        var after = (await rig.Connections.GetAsync(rig.Context.ConsumerId, ConnectionStore.Pos, CancellationToken.None))!;
        Assert.That(fetched.Failure, Is.Null, fetched.Failure?.Message);
        Assert.That(after.AccessToken, Is.Not.EqualTo(before.AccessToken));
        Assert.That(after.RefreshToken, Is.EqualTo(before.RefreshToken), "the code flow's refresh token is reused, never rotated");
        Assert.That(after.ExpiresAt, Is.GreaterThan(DateTime.UtcNow.AddDays(29)), "expires_at read: 30 days");
        var token = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Single(r => r.Path.EndsWith("/oauth2/token"));
        Assert.That((token.Status, token.Headers["Content-Type"]), Is.EqualTo((200, "application/json; charset=utf-8")));
    }

    [Test]
    public async Task Every_call_carries_the_pinned_Square_Version_the_token_call_included()
    {
        await using var rig = await SquareRigAsync();
        var stored = (await rig.Connections.GetAsync(rig.Context.ConsumerId, ConnectionStore.Pos, CancellationToken.None))!;
        await rig.Connections.SaveAsync(rig.Context.ConsumerId, ConnectionStore.Pos, "square", stored.AccessToken,
            stored.RefreshToken, DateTime.UtcNow.AddMinutes(-1),
            stored.Scope, CancellationToken.None);
        Square(rig).AddOrder(
            PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250));

        Day(await FetchAsync(rig, Monday));

        var calls = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor);
        Assert.That(
            calls.Select(c => c.Path.Replace("/square", "")),
            Is.EquivalentTo(new[] { "/oauth2/token", "/v2/locations", "/v2/orders/search", "/v2/catalog/search" }));
        Assert.That(calls.Select(c => c.Headers.GetValueOrDefault("Square-Version")), Is.All.EqualTo("2025-08-20"));
    }

    [Test]
    public async Task Rate_limited_without_Retry_After_the_call_backs_off_and_the_day_is_read()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).Faults.Next("orders-search", new Fault(FaultKind.TooManyRequests), times: 2);

        var fetched = await FetchAsync(rig, Monday);

        Assert.That(fetched.Failure, Is.Null, fetched.Failure?.Message);
        var searches = rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Where(r => r.Path.EndsWith("/v2/orders/search")).ToList();
        Assert.That(searches.Select(r => r.Status), Is.EqualTo(new[] { 429, 429, 200 }));
        Assert.That(searches.Select(r => r.At).Zip(searches.Skip(1).Select(r => r.At), (a, b) => b - a),
            Is.All.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)), "each retry waited at least half the backoff");
    }

    [Test]
    public async Task A_day_inside_its_grace_is_open_and_once_the_grace_is_over_closed()
    {
        await using var rig = await SquareRigAsync();
        var twoDaysAgo = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, LondonTime).DateTime).AddDays(-2);

        var withinGrace = Day(await FetchAsync(rig, twoDaysAgo, closeAfter: TimeSpan.FromHours(72)));
        var afterGrace = Day(await FetchAsync(rig, twoDaysAgo));

        Assert.That(withinGrace.Closure.Status, Is.EqualTo(ClosureStatus.Open));
        Assert.That(afterGrace.Closure.Status, Is.EqualTo(ClosureStatus.Closed), "the default grace is 2 hours");
    }

    [Test]
    public async Task A_day_that_has_not_begun_is_open_and_costs_no_order_search()
    {
        await using var rig = await SquareRigAsync();
        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);

        var day = Day(await FetchAsync(rig, nextWeek));

        Assert.That((day.Closure.Status, day.Orders.Count), Is.EqualTo((ClosureStatus.Open, 0)));
        Assert.That(rig.Vendors.Sandbox.Journal.All(SquareSandbox.Vendor).Select(r => r.Path), Is.EqualTo(new[] { "/square/v2/locations" }));
    }

    [Test]
    public async Task An_order_Square_answers_with_garbage_fails_the_day_with_one_message_naming_the_field()
    {
        await using var rig = await SquareRigAsync();
        var order = PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250).Build();
        order["tenders"]![0]!["amount_money"]!["amount"] = "12.50";
        Square(rig).AddRawOrder(VendorWorld.London, order);

        var fetched = await FetchAsync(rig, Monday);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_INVALID_DATA"));
        Assert.That(fetched.Failure.Message, Is.EqualTo("Square answered with data that is not usable: its orders of 2025-06-02 are not usable: "
                                                        + "orders[0].tenders[0].amount_money.amount is not an integer amount of the currency's " +
                                                            "smallest unit: \"12.50\""));
    }

    [Test]
    public async Task A_location_of_another_seller_is_refused_naming_the_sellers_locations()
    {
        await using var rig = await SquareRigAsync(VendorWorld.SquareBrooklynMerchant);

        var fetched = await FetchAsync(rig, Monday);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_REJECTED"));
        Assert.That(fetched.Failure.Message, Does.Contain($"no location {VendorWorld.London}").And.Contain($"{VendorWorld.Brooklyn} Brooklyn"));
    }

    [Test]
    public async Task A_line_of_an_item_deleted_since_keeps_its_category()
    {
        await using var rig = await SquareRigAsync();
        Square(rig).AddOrder(
            PubOrder("O-1", LondonAt(Monday, 20)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250));
        Square(rig).Catalog(VendorWorld.SquareLondonMerchant).Delete("item-burger");

        var day = Day(await FetchAsync(rig, Monday));

        Assert.That(
            (day.Orders.Single().Items.Single().CategoryId, day.Orders.Single().Items.Single().CategoryName),
            Is.EqualTo(("cat-food", "Food")));
    }

    [Test]
    public async Task The_catalog_lists_every_tender_type_the_regular_categories_with_PosSyncs_own_and_the_enabled_tax_rates()
    {
        await using var rig = await SquareRigAsync();

        var catalog = (
            await rig.Pos<SquareConnector>().CatalogAsync(rig.Context, SquareConfiguration.Load().Locations, CancellationToken.None)).Value!;

        Assert.That(catalog.PaymentMethods.Select(p => p.Id), Is.EquivalentTo(new[]
            { "CARD", "CASH", "SQUARE_GIFT_CARD", "THIRD_PARTY_CARD", "WALLET", "BANK_ACCOUNT", "BUY_NOW_PAY_LATER", "SQUARE_ACCOUNT", "OTHER" }));
        Assert.That(catalog.Categories.Select(c => (c.Id, c.Name)), Is.EquivalentTo(new[]
        {
            ("cat-food", "Food"), ("cat-drinks", "Drinks"), ("custom-amount", "Custom amount"), ("uncategorized", "Items without a category"),
            ("service-charge", "Service charge"), ("gift-card", "Gift cards sold"),
        }), "the menu category is how the till is laid out, not an accounting category");
        Assert.That(catalog.VatRates, Is.EquivalentTo(new[] { 0m, 20m }));
        Assert.That(
            Domain.Enablement.SyncEnablement.Evaluate(SquareConfiguration.Load(), catalog).Describe(),
            Is.EqualTo("enabled"),
            "the test consumer maps them all");
    }

    [Test]
    public async Task The_locations_are_the_sellers_with_their_time_zones()
    {
        await using var rig = await SquareRigAsync();

        var locations = (await rig.Pos<SquareConnector>().LocationsAsync(rig.Context, CancellationToken.None)).Value!;

        Assert.That(locations, Is.EqualTo(new[] { new PosLocation(VendorWorld.London, "Soho", "Europe/London") }));
    }
}
