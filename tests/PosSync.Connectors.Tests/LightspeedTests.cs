using PosSync.Connectors.Http;
using PosSync.Connectors.Lightspeed;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Days;
using PosSync.Sandbox;
using PosSync.Sandbox.Lightspeed;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

public class LightspeedTests
{
    private static readonly Domain.Configuration.Location Centre =
        new(VendorWorld.Centre, "Centre", TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), TimeSpan.FromHours(4));

    private static ServiceDay Varied(string date) => DayBuilder.For(date, VendorWorld.Centre)
        .Order(
            "O-1",
            o => o.Item(2, 15.00m, 33.00m, 3.00m, 10)
                .Item(1, 5.00m, 6.00m, 1.00m, 20, "cat-drinks")
                .Pay("pm-card", 39.00m, tip: 4.00m)
                .TotalTip(4.00m))
        .Order(
            "O-2",
            o => o.Item(4, 10.00m, 36.00m, 6.00m, 20, "cat-drinks", new ItemDiscount("Happy hour", 12.00m, DiscountType.Loss))
                .TotalDiscount(12.00m).Pay("pm-cash", 36.00m))
        .Order("O-3", o => o.Item(1, 1.137m, 1.20m, 0.063m, 5.5m, "cat-bakery").Pay("pm-cash", 1.20m))
        .Order("O-4", o => o.Item(-1, 20.00m, -22.00m, -2.00m, 10).TotalRefund(22.00m).Pay("pm-card", -22.00m))
        .Order("O-5", o => o.Status(OrderStatus.Voided).Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m, status: PaymentStatus.Canceled))
        .Build();

    [Test]
    public async Task A_day_read_through_Lightspeed_books_exactly_like_the_day_it_came_from()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var day = Varied("2025-03-14");
        rig.Vendors.AddDay(day);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        var read = fetched.Value!.Day!;
        Assert.That(read.Closure.Status, Is.EqualTo(ClosureStatus.Closed));
        Assert.That(read.Orders.Select(o => (o.Id, o.Status)), Is.EqualTo(day.Orders.Select(o => (o.Id, o.Status))));
        Assert.That(
            read.Orders.Single(o => o.Id == "O-2").Items[0].Discounts.Single(),
            Is.EqualTo(new ItemDiscount("Happy hour", 12.00m, DiscountType.Loss)));
        Assert.That(read.Orders.Single(o => o.Id == "O-1").Payments.Single().Tip, Is.EqualTo(4.00m));
        foreach (var mode in new[] { "net", "gross" })
        {
            var config = ReferenceConfiguration.Load(c => { VendorWorld.Configure(c); c["settings"]!["revenue_mode"] = mode; });
            Assert.That(
                BookingOutcomeJson.Write(BookingEngine.Book(config, read)),
                Is.EqualTo(BookingOutcomeJson.Write(BookingEngine.Book(config, day))),
                mode);
        }
    }

    [Test]
    public async Task A_day_whose_data_is_not_complete_comes_back_open()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-17", VendorWorld.Centre), complete: false);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 17), CancellationToken.None);

        Assert.That(fetched.Value!.Day!.Closure.Status, Is.EqualTo(ClosureStatus.Open));
    }

    [Test]
    public async Task The_catalog_lists_every_rate_method_and_group_with_rates_as_percentages_and_ids_as_Lightspeeds_numbers()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(Varied("2025-03-14"));
        rig.Vendors.Sandbox.Lightspeed.AddPaymentMethod(VendorWorld.Gare, "pm-lydia", "Lydia");

        var locations = ReferenceConfiguration.Load(c => VendorWorld.Configure(c)).Locations;
        var catalog = (await rig.Pos<LightspeedConnector>().CatalogAsync(rig.Context, locations, CancellationToken.None)).Value!;

        Assert.That(catalog.VatRates, Is.EquivalentTo(new[] { 10m, 20m, 5.5m }));
        Assert.That(
            catalog.PaymentMethods.Select(p => (p.Id, p.Name)),
            Is.EquivalentTo(
                new[] { ("pm-card", "Card"), ("pm-cash", "Cash"), ("pm-lydia", "Lydia") }.Select(p => (LightspeedIds.Text(p.Item1), p.Item2))));
        Assert.That(
            catalog.Categories.Select(c => c.Id),
            Is.EquivalentTo(new[] { "cat-food", "cat-drinks", "cat-bakery" }.Select(LightspeedIds.Text)));
    }

    [Test]
    public async Task An_expired_access_token_is_refreshed_and_the_new_pair_stored_before_use()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        var before = await rig.Connections.GetAsync("c-brasserie", ConnectionStore.Pos, CancellationToken.None);
        await rig.Connections.SaveAsync(
            "c-brasserie", ConnectionStore.Pos, "lightspeed", before!.AccessToken, before.RefreshToken,
            DateTime.UtcNow.AddMinutes(-1), null, CancellationToken.None);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        var after = await rig.Connections.GetAsync("c-brasserie", ConnectionStore.Pos, CancellationToken.None);
        Assert.That(fetched.Succeeded, Is.True, fetched.Failure?.Message);
        Assert.That(after!.RefreshToken, Is.Not.EqualTo(before.RefreshToken), "single-use refresh token replaced");
        Assert.That(rig.Vendors.Sandbox.Journal.All(LightspeedSandbox.Vendor).Last().AccessToken, Is.EqualTo(after.AccessToken));
    }

    [Test]
    public async Task A_revoked_token_fails_with_POS_AUTH_after_one_refresh_attempt_and_no_hammering()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.OAuth.RevokeAll(VendorWorld.Account);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_AUTH"));
        Assert.That(
            rig.Vendors.Sandbox.Journal.All(LightspeedSandbox.Vendor),
            Has.Count.EqualTo(2),
            "one refused call, one refused refresh, nothing more");
    }

    [Test]
    public async Task A_missing_scope_is_a_403_and_an_auth_failure()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var token = rig.Vendors.Sandbox.Lightspeed.OAuth.IssueFor(VendorWorld.Account, "orders-api");
        await rig.Connections.SaveAsync(
            "c-brasserie", ConnectionStore.Pos, "lightspeed", token.AccessToken, token.RefreshToken,
            token.ExpiresAt.UtcDateTime, null, CancellationToken.None);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_AUTH"));
        Assert.That(fetched.Failure.Message, Does.Contain("403").And.Contain("financial-api"));
    }

    [Test]
    public async Task A_burst_of_5xx_within_the_budget_is_retried_and_every_attempt_is_recorded()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Status, 503), times: 2);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Succeeded, Is.True);
        var rows = (await rig.RequestsAsync()).Where(r => r.Operation == "daily-financials").ToList();
        Assert.That(rows.Select(r => r.StatusCode), Is.EquivalentTo(new int?[] { 503, 503, 200 }));
        Assert.That(
            rows,
            Is.All.Matches<RequestRecord>(r => r.ExecutionId == rig.Context.ExecutionId && r.Url.Contains("dailyFinancials?date=2025-03-14")));
    }

    [Test]
    public async Task A_burst_of_5xx_beyond_the_budget_leaves_the_day_POS_UNAVAILABLE()
    {
        await using var rig = await ConnectorRig.StartAsync(transientRetries: 2);
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Status, 502), times: 10);

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_UNAVAILABLE"));
        Assert.That((await rig.RequestsAsync()).Count(r => r.Operation == "daily-financials"), Is.EqualTo(3), "one try and two retries");
    }

    [Test]
    public async Task Timeouts_and_dropped_connections_count_as_transient()
    {
        await using var rig = await ConnectorRig.StartAsync(timeoutSeconds: 0.5);
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Slow, Delay: TimeSpan.FromSeconds(3)));
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Drop));

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Succeeded, Is.True, fetched.Failure?.Message);
        var errors = (await rig.RequestsAsync()).Where(r => r.StatusCode is null).Select(r => r.Error).ToList();
        Assert.That(errors, Has.Some.Contains("no answer within").And.Some.Contains("connection failed"));
    }

    [Test]
    public async Task A_429_is_honoured_with_its_Retry_After()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.TooManyRequests, RetryAfterSeconds: 1));
        var started = DateTime.UtcNow;

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Succeeded, Is.True);
        var calls = rig.Vendors.Sandbox.Journal.All(LightspeedSandbox.Vendor).Where(r => r.Path.Contains("dailyFinancials")).ToList();
        Assert.That(calls.Select(c => c.Status), Is.EqualTo(new[] { 429, 200 }));
        Assert.That(calls[1].At - calls[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)), "waited as told");
    }

    [Test]
    public async Task Garbage_from_the_vendor_is_invalid_data_naming_the_field()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.SetRawBusinessDay(VendorWorld.Centre, new DateOnly(2025, 3, 14),
            """{"dataComplete": true, "sales": [{"accountFiscId": "A1", "type": "SALE", "timeofCloseAndPaid": "2025-03-14T20:00:00.000+01:00", "salesLines": [{"id": "L1", "quantity": "two"}], "payments": []}]}""");

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_INVALID_DATA"));
        Assert.That(fetched.Failure.Message, Does.Contain("response.sales[0].salesLines[0].quantity is not a decimal"));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_invalid_data()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Garbage));

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_INVALID_DATA"));
    }

    [Test]
    public async Task The_locations_the_user_can_see_come_with_their_time_zones()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.AddBusiness("acct-other", "Other", ("9999", "Elsewhere", "Europe/Brussels"));

        var locations = await rig.Pos<LightspeedConnector>().LocationsAsync(rig.Context, CancellationToken.None);

        Assert.That(locations.Value, Is.EquivalentTo(new[]
        {
            new PosLocation(VendorWorld.Centre, "Centre", "Europe/Paris"), new PosLocation(VendorWorld.Gare, "Gare", "Europe/Paris"),
        }));
    }

    [Test]
    public async Task A_location_of_another_business_is_refused_like_the_vendor_does()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Lightspeed.AddBusiness("acct-other", "Other", ("9999", "Elsewhere", "Europe/Brussels"));
        var elsewhere = Centre with { Id = "9999" };

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, elsewhere, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure!.Code, Is.EqualTo("POS_AUTH"));
        Assert.That(fetched.Failure.Message, Does.Contain("no access to business location 9999"));
    }
}

public class LightspeedSalesMappingTests
{
    [Test]
    public void Service_charges_surcharges_and_cash_rounding_map_to_items_and_payments_that_still_add_up()
    {
        const string body = """
            { "dataComplete": true, "nextStartOfDayAsIso8601": "2025-03-15T05:00:00+01:00", "sales": [
              { "accountFiscId": "A1", "receiptId": "R1", "type": "SALE", "cancelled": false,
                "timeOfOpening": "2025-03-14T19:00:00.000+01:00", "timeClosed": "2025-03-14T20:30:00.000+01:00",
                "salesLines": [
                  { "id": "L1", "name": "Plat", "quantity": "1.000", "totalNetAmountWithTax": "22.000000", "totalNetAmountWithoutTax": "20.000000",
                    "taxAmount": "2.000000", "taxRatePercentage": "10.00", "accountingGroup": { "accountingGroupId": "food" },
                    "serviceCharge": "2.20", "serviceChargeType": "UNTAXED", "discountAmount": "3.30", "discountType": "STAFF_MEAL", "discountName": "Repas staff" } ],
                "payments": [ { "paymentMethodId": "card", "description": "Card", "netAmountWithTax": "24.20", "tip": "1.50", "surcharge": "0.50", "roundingAmount": "0.00", "uuid": "P1" } ] },
              { "accountFiscId": "A2", "type": "FLOAT", "salesLines": [], "payments": [] },
              { "accountFiscId": "A3", "type": "VOID", "cancelled": true, "salesLines": [], "payments": [] } ] }
            """;

        var (day, problem) = LightspeedSales.Map(body, "1001", new DateOnly(2025, 3, 14), LightspeedFinancialApi.V2);

        Assert.That(problem, Is.Null);
        Assert.That(
            day!.Orders.Select(o => (o.Id, o.Status)),
            Is.EqualTo(new[] { ("A1", OrderStatus.Completed), ("A3", OrderStatus.Voided) }),
            "a cash float is not a sale");
        var sale = day.Orders[0];
        Assert.That(
            sale.Items.Select(i => (i.CategoryId, i.Total)),
            Is.EqualTo(new[] { ("food", 22.000000m), ("service-charge", 2.20m), ("surcharge", 0.50m) }));
        Assert.That(sale.Items[0].Discounts.Single(), Is.EqualTo(new ItemDiscount("Repas staff", 3.30m, DiscountType.Offered)));
        Assert.That(sale.Payments.Single().Total + 0, Is.EqualTo(24.70m), "the card paid the bill and its surcharge");
        Assert.That(sale.Payments.Single().Tip, Is.EqualTo(1.50m));
        Assert.That(sale.Total, Is.EqualTo(sale.Payments.Single().Total), "items and payments add up");
        Assert.That(sale.ClosingDate, Is.EqualTo(DateTimeOffset.Parse("2025-03-14T20:30:00+01:00")));
    }

    [Test]
    public void A_day_with_six_decimal_lines_and_a_fractional_unit_price_is_kept_as_fetched_and_read_back_from_the_archive()
    {
        const string body = """
            { "dataComplete": true, "sales": [
              { "accountFiscId": "A1", "receiptId": "R1", "type": "SALE",
                "salesLines": [
                  { "id": "L1", "name": "Café", "quantity": "3.000", "totalNetAmountWithTax": "11.000001", "totalNetAmountWithoutTax": "10.000001",
                    "taxAmount": "1.000000", "taxRatePercentage": "10.00", "accountingGroup": { "accountingGroupId": "food" } } ],
                "payments": [ { "paymentMethodId": "card", "description": "Card", "netAmountWithTax": "11.00", "uuid": "P1" } ] } ] }
            """;

        var (day, _) = LightspeedSales.Map(body, "1001", new DateOnly(2025, 3, 14), LightspeedFinancialApi.V2);
        var archived = ServiceDayWriter.Write(day!);
        var read = ServiceDayReader.ReadArchived(archived);

        var line = day!.Orders[0].Items[0];
        Assert.That(
            (line.Total, line.UnitPrice),
            Is.EqualTo((11.000001m, 3.333m)),
            "the vendor's amount is kept whole; the derived unit price has 3 decimals");
        Assert.That(read.IsValid, Is.True, read.Describe());
        Assert.That(read.Value!.Orders[0].Items[0].Total, Is.EqualTo(11.000001m));
        Assert.That(ServiceDayReader.ReadJson(System.Text.Encoding.UTF8.GetBytes(archived)).Describe(), Does.Contain("must have at most 3 decimals"),
            "a day handed in by a user still follows the canonical 3 decimals");
    }

    [Test]
    public void A_V1_day_that_answers_a_cancellation_as_a_CANCEL_transaction_voids_the_sale_it_names()
    {
        const string body = """
            { "dataComplete": true, "sales": [
              { "accountFiscId": "A1", "type": "SALE", "timeofCloseAndPaid": "2025-03-14T20:00:00.000+01:00",
                "salesLines": [ { "id": "L1", "quantity": "1", "totalNetAmountWithTax": "11.00", "totalNetAmountWithoutTax": "10.00",
                  "taxAmount": "1.00", "taxRatePercentage": "10.00", "accountingGroup": { "accountingGroupId": 141948669132845 } } ],
                "payments": [ { "paymentMethodId": 141948669132824, "netAmountWithTax": "11.00" } ] },
              { "accountFiscId": "A1-C", "type": "CANCEL", "timeofCloseAndPaid": "2025-03-15T10:00:00.000+01:00",
                "source": { "initialAccountId": "A1" }, "salesLines": [], "payments": [] } ] }
            """;

        var (day, problem) = LightspeedSales.Map(body, "1001", new DateOnly(2025, 3, 14), LightspeedFinancialApi.V1);

        Assert.That(problem, Is.Null);
        var sale = day!.Orders.Single(o => o.Id == "A1");
        Assert.That(sale.Status, Is.EqualTo(OrderStatus.Voided));
        Assert.That(day.Orders.All(o => o.Status == OrderStatus.Voided), Is.True, "the CANCEL itself counts for nothing");
        Assert.That(sale.Payments.Single().PaymentMethodId, Is.EqualTo("141948669132824"), "an int64 id read as its digits");
    }

    [TestCase("\"timeofCloseAndPaid\": null,", null, TestName = "A V1 sale not yet closed and paid is no sale yet")]
    [TestCase("", "sales[0].timeofCloseAndPaid is missing", TestName = "A V1 sale without its closing time at all is refused, not dropped")]
    public void A_V1_sales_closing_time(string field, string? problem)
    {
        var body = "{ \"dataComplete\": true, \"sales\": [ { \"accountFiscId\": \"A1\", \"type\": \"SALE\", " + field +
                   " \"salesLines\": [], \"payments\": [] } ] }";

        var (day, found) = LightspeedSales.Map(body, "1001", new DateOnly(2025, 3, 14), LightspeedFinancialApi.V1);

        if (problem is null) Assert.That(day!.Orders, Is.Empty);
        else Assert.That(found, Does.Contain(problem));
    }
}
