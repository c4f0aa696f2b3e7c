using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Preview;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

public class BookingScenarioTests
{
    private static IEnumerable<BookingScenario> Scenarios() => BookingScenarios.All();

    [TestCaseSource(nameof(Scenarios))]
    public void Each_booking_scenario_books_exactly_what_scenarios_md_says(BookingScenario scenario)
    {
        var config = ConsumerConfigurationReader.ReadJson(scenario.ConfigJson).Value!;

        var outcome = DayPreview.Run(config, scenario.Day, new BookingOptions { ForceBeforeStartDate = scenario.ForceBeforeStartDate });

        var expected = scenario.Expected;
        Assert.That(BookingOutcomeJson.StatusWord(outcome.Status), Is.EqualTo(expected.Status), outcome.Reason?.Message);
        if (expected.Lines is not null)
        {
            Assert.That(outcome.Entry, Is.Not.Null);
            ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), expected.Lines);
        }
        else
        {
            Assert.That(outcome.Entry, Is.Null, "no entry is made when the day is not booked");
        }
        if (expected.Code is not null) Assert.That(outcome.Reason?.Code, Is.EqualTo(expected.Code));
        foreach (var text in expected.MessageContains ?? []) Assert.That(outcome.Reason?.Message, Does.Contain(text));
        Assert.That(outcome.Warnings.Select(w => w.Code), Is.EquivalentTo(expected.WarningCodes ?? []));
    }

    [Test]
    public void The_entry_is_numbered_by_location_and_day_and_takes_journal_and_currency_from_settings()
    {
        var outcome = BookingEngine.Book(ReferenceConfiguration.Load(), BookingScenarios.S01Day("2025-03-14"));

        Assert.That(outcome.Entry!.Number, Is.EqualTo("POS-loc-1-20250314"));
        Assert.That(outcome.Entry.Date, Is.EqualTo(new DateOnly(2025, 3, 14)));
        Assert.That(outcome.Entry.Journal, Is.EqualTo("jrn-ca"));
        Assert.That(outcome.Entry.Currency, Is.EqualTo("EUR"));
    }

    [Test]
    public void S04_sum_mismatch_details_list_the_order_with_its_hint_and_the_figures()
    {
        var config = ReferenceConfiguration.Load(c =>
        {
            c["settings"]!["tolerance"] = 0m;
            c["settings"]!["rounding_threshold"] = 0m;
        });
        var day = DayBuilder.For("2025-03-14")
            .Order("O-401", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 50.00m))
            .Build();

        var details = BookingEngine.Book(config, day).Reason!.Details!;

        Assert.That((decimal)details["sales"]!, Is.EqualTo(44.00m));
        Assert.That((decimal)details["payments"]!, Is.EqualTo(50.00m));
        Assert.That((decimal)details["gap"]!, Is.EqualTo(6.00m));
        Assert.That((decimal)details["tolerance"]!, Is.EqualTo(0m));
        var order = details["orders"]![0]!;
        Assert.That((string)order["id"]!, Is.EqualTo("O-401"));
        Assert.That((decimal)order["payments_total"]!, Is.EqualTo(50.00m));
        Assert.That(order["hints"]!.AsArray().Select(h => (string)h!), Does.Contain(MismatchDiagnostics.UnrecordedTip));
    }

    [Test]
    public void Items_above_the_order_total_without_a_discount_hint_at_a_discount_not_configured()
    {
        var config = ReferenceConfiguration.Load(c => c["settings"]!["tolerance"] = 1m);
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Totals(16.50m, 1.50m).Pay("pm-card", 16.50m))
            .Build();

        var outcome = BookingEngine.Book(config, day);

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.SumMismatch));
        Assert.That(outcome.Reason.Message, Does.Contain(MismatchDiagnostics.DiscountNotConfigured));
    }

    [Test]
    public void A_gap_exactly_at_the_rounding_threshold_is_a_rounding_line_not_a_difference()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-cash", 22.05m))
            .Build();

        var outcome = BookingEngine.Book(ReferenceConfiguration.Load(), day);

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 530000 22.05; C 706100 20.00; C 445712 2.00; C 758100 0.05");
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [Test]
    public void A_needed_rounding_account_that_is_not_mapped_fails_the_day_with_sum_mismatch()
    {
        var config = ReferenceConfiguration.Load(
            c => c["mappings"]!["rounding"] = new System.Text.Json.Nodes.JsonObject { ["debit"] = "658100", ["credit"] = null });
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-cash", 22.01m))
            .Build();

        var outcome = BookingEngine.Book(config, day);

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.SumMismatch));
        Assert.That(outcome.Reason.Message, Does.Contain("mappings.rounding.credit"));
    }

    [Test]
    public void Two_payment_methods_mapped_to_one_account_make_one_line_rounded_once()
    {
        var config = ReferenceConfiguration.Load(c => c["mappings"]!["payment_methods"]!["pm-tr"] = "511200");
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 11.005m).Pay("pm-tr", 10.995m))
            .Build();

        var entry = BookingEngine.Book(config, day).Entry!;

        ExpectedLines.AssertSame(ExpectedLines.Of(entry), "D 511200 22.00; C 706100 20.00; C 445712 2.00");
        Assert.That(entry.Lines.Single(l => l.Account == "511200").Label, Is.EqualTo("Card, Ticket Restaurant"));
    }

    [Test]
    public void Authorised_payments_count_only_when_the_consumer_says_so()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m, status: Contracts.PaymentStatus.Authorised))
            .Build();

        var ignoring = BookingEngine.Book(ReferenceConfiguration.Load(), day);
        var counting = BookingEngine.Book(ReferenceConfiguration.Load(c => c["settings"]!["count_authorised_payments"] = true), day);

        ExpectedLines.AssertSame(ExpectedLines.Of(ignoring.Entry!), "D 658000 22.00; C 706100 20.00; C 445712 2.00");
        ExpectedLines.AssertSame(ExpectedLines.Of(counting.Entry!), "D 511200 22.00; C 706100 20.00; C 445712 2.00");
    }

    [Test]
    public void A_day_of_a_location_the_consumer_does_not_have_is_an_error_naming_the_location()
    {
        var outcome = BookingEngine.Book(ReferenceConfiguration.Load(), BookingScenarios.S01Day("2025-03-14", "loc-9"));

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.UnknownLocation));
        Assert.That(outcome.Reason.Message, Does.Contain("loc-9"));
    }

    [Test]
    public void Every_unmapped_id_is_listed_by_kind()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order(
                "O-1",
                o => o.Item(1, 20.00m, 22.00m, 2.00m, 10, "cat-wine").Item(1, 10.00m, 10.80m, 0.80m, 8).Pay("pm-lydia", 32.80m, name: "Lydia"))
            .Build();

        var outcome = BookingEngine.Book(ReferenceConfiguration.Load(), day);

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.Unmapped));
        Assert.That(outcome.Reason.Message, Does.Contain("unmapped payment method Lydia (pm-lydia)"));
        Assert.That(outcome.Reason.Message, Does.Contain("unmapped category cat-wine"));
        Assert.That(outcome.Reason.Message, Does.Contain("unmapped VAT rate 8 %"));
    }
}
