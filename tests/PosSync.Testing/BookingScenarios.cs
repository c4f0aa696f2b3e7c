using System.Text.Json.Nodes;
using PosSync.Contracts;

namespace PosSync.Testing;

/// <summary>What a scenario expects: the preview status, and the entry's lines or the error.</summary>
public sealed record ScenarioExpectation(
    string Status,
    string? Lines = null,
    string? Code = null,
    IReadOnlyList<string>? MessageContains = null,
    IReadOnlyList<string>? WarningCodes = null);

public sealed record BookingScenario(string Id, string ConfigJson, ServiceDay Day, ScenarioExpectation Expected, bool ForceBeforeStartDate = false)
{
    public override string ToString() => Id;
}

/// <summary>
/// The booking scenarios of scenarios.md with their exact numbers, shared by the domain tests and
/// the <c>possync preview</c> tests so both paths are held to the same expectations.
/// </summary>
public static class BookingScenarios
{
    private static readonly string CfgA = ReferenceConfiguration.Json();
    private static readonly string ZeroTolerance = ReferenceConfiguration.Json(c =>
    {
        c["settings"]!["tolerance"] = 0.00m;
        c["settings"]!["rounding_threshold"] = 0.00m;
    });
    private static readonly string Gross = ReferenceConfiguration.Json(c => c["settings"]!["revenue_mode"] = "gross");
    private static readonly string WithSuspense = ReferenceConfiguration.Json(c => c["mappings"]!["suspense"] = "471000");
    private static readonly string WithoutVat55 = ReferenceConfiguration.Json(c => c["mappings"]!["vat_rates"]!.AsObject().Remove("5.5"));

    public static IEnumerable<BookingScenario> All()
    {
        yield return new(
            "S01 basic",
            CfgA,
            S01Day("2025-03-14"),
            new("booked", "D 511200 33.00; D 530000 22.00; C 706100 50.00 FR10; C 445712 5.00"));

        yield return new("S02 mixed VAT", CfgA, DayBuilder.For("2025-03-14")
                .Order("O-201", o => o.Item(1, 30.00m, 33.00m, 3.00m, 10).Item(2, 5.00m, 12.00m, 2.00m, 20, "cat-drinks").Pay("pm-card", 45.00m))
                .Order("O-202", o => o.Item(1, 2.00m, 2.11m, 0.11m, 5.5m, "cat-bakery").Pay("pm-cash", 2.11m))
                .Build(),
            new(
                "booked",
                "D 511200 45.00; D 530000 2.11; C 706100 30.00 FR10; C 706200 10.00 FR20; C 707000 2.00 FR55; C 445712 3.00; " +
                    "C 445711 2.00; C 445713 0.11"));

        yield return new("S03 recorded tip", CfgA, DayBuilder.For("2025-03-14")
                .Order("O-301", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 44.00m, tip: 6.00m).TotalTip(6.00m))
                .Build(),
            new("booked", "D 511200 50.00; C 706100 40.00; C 445712 4.00; C 467100 6.00"));

        yield return new("S04 unrecorded tip, tolerance 0", ZeroTolerance, S04Day(),
            new("error", Code: "SUM_MISMATCH", MessageContains:
                ["The sum of all lines does not match", "sales 44.00", "payments 50.00", "gap +6.00", "O-401", "possible unrecorded tip"]));

        yield return new("S04b unrecorded tip, CFG-A", CfgA, S04Day(),
            new("booked", "D 511200 50.00; C 706100 40.00; C 445712 4.00; C 758000 6.00", WarningCodes: ["DIFFERENCE_BOOKED"]));

        yield return new("S05 discount LOSS, net", CfgA, S05Day(), new("booked", "D 511200 36.00; C 706200 30.00; C 445711 6.00"));
        yield return new("S05 discount LOSS, gross", Gross, S05Day(), new("booked", "D 511200 36.00; D 709700 10.00; C 706200 40.00; C 445711 6.00"));
        yield return new("S06 complimentary, net", CfgA, S06Day(), new("booked", "D 530000 22.00; C 706100 20.00; C 445712 2.00"));
        yield return new("S06 complimentary, gross", Gross, S06Day(), new("booked", "D 530000 22.00; D 623400 8.00; C 706100 28.00; C 445712 2.00"));

        yield return new("S07 gap within tolerance", CfgA, FiftyOrders(800.00m, 285.00m),
            new(
                "booked",
                "D 511200 800.00; D 530000 285.00; D 658000 15.00; C 706100 1000.00; C 445712 100.00",
                WarningCodes: ["DIFFERENCE_BOOKED"]));
        yield return new("S07b gap at the tolerance", CfgA, FiftyOrders(800.00m, 250.00m),
            new(
                "booked",
                "D 511200 800.00; D 530000 250.00; D 658000 50.00; C 706100 1000.00; C 445712 100.00",
                WarningCodes: ["DIFFERENCE_BOOKED"]));
        yield return new("S08 gap above tolerance", CfgA, FiftyOrders(800.00m, 249.99m),
            new("error", Code: "SUM_MISMATCH", MessageContains:
                ["The sum of all lines does not match: sales 1,100.00, payments 1,049.99, gap \u221250.01 > tolerance 50.00"]));
        yield return new("S08 variant gap -80", CfgA, FiftyOrders(800.00m, 220.00m),
            new("error", Code: "SUM_MISMATCH", MessageContains: ["payments 1,020.00", "gap \u221280.00 > tolerance 50.00"]));

        yield return new("S09 refund on a later day", CfgA, DayBuilder.For("2025-03-15")
                .Order("O-901", o => o.Item(-1, 20.00m, -22.00m, -2.00m, 10).TotalRefund(22.00m).Pay("pm-cash", -22.00m))
                .Order("O-902", o => o.Item(3, 20.00m, 66.00m, 6.00m, 10).Pay("pm-card", 66.00m))
                .Build(),
            new("booked", "D 511200 66.00; C 530000 22.00; C 706100 40.00; C 445712 4.00"));
        yield return new("S09b refund-only day", CfgA, DayBuilder.For("2025-03-16")
                .Order("O-903", o => o.Item(-1, 20.00m, -22.00m, -2.00m, 10).TotalRefund(22.00m).Pay("pm-card", -22.00m))
                .Build(),
            new("booked", "D 706100 20.00; D 445712 2.00; C 511200 22.00"));

        yield return new("S10 day still open", CfgA, ThreeCardOrders("2025-03-17").Open().Build(),
            new("waiting", Code: "DAY_OPEN"));
        yield return new("S10 the same day once closed", CfgA, ThreeCardOrders("2025-03-17").Build(),
            new("booked", "D 511200 66.00; C 706100 60.00; C 445712 6.00"));

        yield return new("S11 before the start date", CfgA, S11FebruaryDay(), new("skipped", Code: "BEFORE_START_DATE"));
        yield return new("S11 forced before the start date", CfgA, S11FebruaryDay(),
            new("booked", "D 511200 500.00; C 706200 416.67; C 445711 83.33"), ForceBeforeStartDate: true);
        yield return new(
            "S11 on the start date",
            CfgA,
            S01Day("2025-03-01"),
            new("booked", "D 511200 33.00; D 530000 22.00; C 706100 50.00; C 445712 5.00"));
        yield return new(
            "S11 after the start date",
            CfgA,
            S01Day("2025-03-02"),
            new("booked", "D 511200 33.00; D 530000 22.00; C 706100 50.00; C 445712 5.00"));

        yield return new("S14 unmapped payment method", CfgA, S14Day(),
            new("error", Code: "UNMAPPED", MessageContains: ["unmapped payment method Lydia (pm-lydia)"]));
        yield return new("S14 unmapped payment method to suspense", WithSuspense, S14Day(),
            new("booked", "D 471000 22.00; D 511200 22.00; C 706100 40.00; C 445712 4.00", WarningCodes: ["UNMAPPED_TO_SUSPENSE"]));

        yield return new("S15 3-decimal rounding", CfgA, Croissants(1.20m, 1.20m, 1.20m),
            new("booked", "D 530000 3.60; C 707000 3.41; C 445713 0.19"));
        yield return new("S15b rounding gap", CfgA, Croissants(1.20m, 1.20m, 1.21m),
            new("booked", "D 530000 3.61; C 707000 3.41; C 445713 0.19; C 758100 0.01"));

        yield return new("S18 cut-off: late orders stay on 2025-03-14", CfgA, S18Day("2025-03-14"),
            new("booked", "D 511200 44.00; C 706100 40.00; C 445712 4.00", WarningCodes: ["ORDER_OTHER_DAY"]));
        yield return new("S18 cut-off: after 04:00 local belongs to 2025-03-15", CfgA, S18Day("2025-03-15"),
            new("booked", "D 511200 22.00; C 706100 20.00; C 445712 2.00", WarningCodes: ["ORDER_OTHER_DAY"]));
        yield return new("S18 daylight saving: 03:30 CEST belongs to 2025-03-29", CfgA, DayBuilder.For("2025-03-29")
                .Order("O-1804", o => o.NoServiceDate().ClosedAt("2025-03-30T01:30:00Z").Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
                .Build(),
            new("booked", "D 511200 22.00; C 706100 20.00; C 445712 2.00"));

        yield return new("S19 voids and failed payments", CfgA, DayBuilder.For("2025-03-14")
                .Order(
                    "O-1901",
                    o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m, status: PaymentStatus.Canceled).Pay("pm-cash", 22.00m))
                .Order("O-1902", o => o.Status(OrderStatus.Voided).Totals(0.00m, 0.00m).Pay("pm-card", 22.00m, status: PaymentStatus.Failed))
                .Build(),
            new("booked", "D 530000 22.00; C 706100 20.00; C 445712 2.00"));

        yield return new("S20 gift card sold", CfgA, DayBuilder.For("2025-03-14")
                .Order("O-2001", o => o.Item(1, 50.00m, 50.00m, 0.00m, 0, "cat-giftcard").Pay("pm-card", 50.00m))
                .Build(),
            new("booked", "D 511200 50.00; C 419100 50.00"));
        yield return new("S20 gift card redeemed", CfgA, DayBuilder.For("2025-03-15")
                .Order("O-2002", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-gc", 44.00m))
                .Build(),
            new("booked", "D 419100 44.00; C 706100 40.00; C 445712 4.00"));

        yield return new("S21 empty closed day", CfgA, DayBuilder.For("2025-03-14").Build(), new("nothing_to_book", Code: "NOTHING_TO_BOOK"));

        yield return new("S22 incomplete mapping", WithoutVat55, DayBuilder.For("2025-03-14")
                .Order("O-2201", o => o.Item(1, 2.00m, 2.11m, 0.11m, 5.5m, "cat-bakery").Pay("pm-cash", 2.11m))
                .Build(),
            new("error", Code: "UNMAPPED", MessageContains: ["unmapped VAT rate 5.5 %"]));
    }

    /// <summary>The configuration of S22: CFG-A without the 5.5 % VAT mapping.</summary>
    public static string ConfigWithoutVat55 => WithoutVat55;

    public static ServiceDay S01Day(string date, string location = "loc-1") => DayBuilder.For(date, location)
        .Order("O-101", o => o.Item(2, 15.00m, 33.00m, 3.00m, 10).Pay("pm-card", 33.00m))
        .Order("O-102", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-cash", 22.00m))
        .Build();

    private static ServiceDay S04Day() => DayBuilder.For("2025-03-14")
        .Order("O-401", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 50.00m))
        .Build();

    private static ServiceDay S05Day() => DayBuilder.For("2025-03-14")
        .Order("O-501", o => o.Item(4, 10.00m, 36.00m, 6.00m, 20, "cat-drinks", new ItemDiscount("Happy hour", 12.00m, DiscountType.Loss))
            .TotalDiscount(12.00m).Pay("pm-card", 36.00m))
        .Build();

    private static ServiceDay S06Day() => DayBuilder.For("2025-03-14")
        .Order("O-601", o => o.Item(1, 8.00m, 0.00m, 0.00m, 10, "cat-food", new ItemDiscount("Offert", 8.80m, DiscountType.Offered))
            .Item(1, 20.00m, 22.00m, 2.00m, 10).TotalDiscount(8.80m).Pay("pm-cash", 22.00m))
        .Build();

    private static ServiceDay FiftyOrders(decimal card, decimal cash)
    {
        var day = DayBuilder.For("2025-03-14");
        for (var i = 1; i <= 50; i++) day.Order($"O-7{i:00}", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10));
        return day.PayInTurn(card, cash).Build();
    }

    private static DayBuilder ThreeCardOrders(string date)
    {
        var day = DayBuilder.For(date);
        for (var i = 1; i <= 3; i++) day.Order($"O-10{i}", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m));
        return day;
    }

    private static ServiceDay S11FebruaryDay() => DayBuilder.For("2025-02-28")
        .Order("O-1101", o => o.Item(1, 416.667m, 500.00m, 83.333m, 20, "cat-drinks").Pay("pm-card", 500.00m))
        .Build();

    private static ServiceDay S14Day() => DayBuilder.For("2025-03-18")
        .Order("O-1401", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-lydia", 22.00m, name: "Lydia"))
        .Order("O-1402", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Build();

    private static ServiceDay Croissants(params decimal[] cash)
    {
        var day = DayBuilder.For("2025-03-14");
        for (var i = 0; i < cash.Length; i++)
        {
            var paid = cash[i];
            day.Order($"O-15{i + 1}", o => o.Item(1, 1.137m, 1.20m, 0.063m, 5.5m, "cat-bakery").Pay("pm-cash", paid));
        }
        return day.Build();
    }

    /// <summary>S18's orders, as a POS would deliver them in the file of the given day.</summary>
    private static ServiceDay S18Day(string date) => DayBuilder.For(date)
        .Order("O-1801", o => o.CreatedAt("2025-03-14T23:30:00Z").ServiceDate("2025-03-14").Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Order("O-1802", o => o.NoServiceDate().ClosedAt("2025-03-15T02:30:00Z").Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Order("O-1803", o => o.NoServiceDate().ClosedAt("2025-03-15T03:30:00Z").Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Build();

    /// <summary>Helper for tests that tweak CFG-A themselves.</summary>
    public static string Config(Action<JsonObject> change) => ReferenceConfiguration.Json(change);
}
