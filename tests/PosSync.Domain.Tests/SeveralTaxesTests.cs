using System.Text.Json.Nodes;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>Items with several taxes (booking-rules section 2): VAT per component rate, revenue per combined rate.</summary>
public class SeveralTaxesTests
{
    private static readonly ItemTax[] StateAndCity = [new(6, 0.60m), new(2, 0.20m)];

    /// <summary>CFG-A with a state tax of 6 % and a city tax of 2 %, and the combined 8 % when asked.</summary>
    private static ConsumerConfiguration TaxExclusive(
        bool combinedMapped = true,
        bool cityMapped = true,
        string? suspense = null,
        string mode = "net") =>
        ReferenceConfiguration.Load(c =>
        {
            var rates = c["mappings"]!["vat_rates"]!.AsObject();
            rates["6"] = new JsonObject { ["code"] = "ST6", ["account"] = "445716" };
            if (cityMapped) rates["2"] = new JsonObject { ["code"] = "CT2", ["account"] = "445720" };
            if (combinedMapped) rates["8"] = new JsonObject { ["code"] = "US8", ["account"] = "445718" };
            c["mappings"]!["suspense"] = suspense;
            c["settings"]!["revenue_mode"] = mode;
        });

    private static ServiceDay OneItemTaxedTwice(params ItemDiscount[] discounts) => DayBuilder.For("2025-03-14")
        .Order("O-1", o => o.ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", StateAndCity, discounts).Pay("pm-card", 10.80m))
        .Build();

    [Test]
    public void Each_tax_goes_to_its_own_VAT_account_and_the_revenue_carries_the_combined_rates_code()
    {
        var outcome = BookingEngine.Book(TaxExclusive(), OneItemTaxedTwice());

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 511200 10.80; C 706100 10.00 US8; C 445716 0.60 ST6; C 445720 0.20 CT2");
        Assert.That(outcome.Entry!.Lines.Single(l => l.Account == "706100").Label, Is.EqualTo("Sales cat-food 8%"));
        Assert.That(outcome.Entry.Lines.Single(l => l.Account == "445716").Label, Is.EqualTo("VAT 6%"));
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [Test]
    public void The_revenue_has_no_VAT_code_when_the_combined_rate_is_not_mapped_and_the_day_still_books()
    {
        var outcome = BookingEngine.Book(TaxExclusive(combinedMapped: false), OneItemTaxedTwice());

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 511200 10.80; C 706100 10.00; C 445716 0.60 ST6; C 445720 0.20 CT2");
        Assert.That(outcome.Entry!.Lines.Single(l => l.Account == "706100").VatCode, Is.Null);
    }

    [Test]
    public void A_tax_joins_the_VAT_line_of_its_rate_that_one_tax_items_of_that_rate_use_too()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o
                .ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", StateAndCity)
                .Item(1, 5.00m, 5.30m, 0.30m, 6, "cat-drinks")
                .Pay("pm-card", 16.10m))
            .Build();

        var entry = BookingEngine.Book(TaxExclusive(), day).Entry!;

        ExpectedLines.AssertSame(
            ExpectedLines.Of(entry),
            "D 511200 16.10; C 706100 10.00 US8; C 706200 5.00 ST6; C 445716 0.90 ST6; C 445720 0.20 CT2");
    }

    [Test]
    public void A_component_rate_that_is_not_mapped_is_unmapped_by_name_but_the_combined_rate_need_not_be()
    {
        var outcome = BookingEngine.Book(TaxExclusive(combinedMapped: false, cityMapped: false), OneItemTaxedTwice());

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.Unmapped));
        Assert.That(outcome.Reason.Message, Is.EqualTo("unmapped VAT rate 2 %"));
        Assert.That(outcome.Reason.Details!["vat_rates"]!.AsArray().Select(r => (string)r!), Is.EqualTo(new[] { "2" }));
    }

    [Test]
    public void With_a_suspense_account_an_item_with_an_unmapped_component_rate_goes_there_whole_VAT_included()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o
                .ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", StateAndCity)
                .Item(1, 5.00m, 5.30m, 0.30m, 6, "cat-drinks")
                .Pay("pm-card", 16.10m))
            .Build();

        var outcome = BookingEngine.Book(TaxExclusive(cityMapped: false, suspense: "471000"), day);

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 511200 16.10; C 471000 10.80; C 706200 5.00 ST6; C 445716 0.30 ST6");
        Assert.That(outcome.Warnings.Single().Code, Is.EqualTo(BookingCodes.UnmappedToSuspense));
        Assert.That(outcome.Warnings.Single().Message, Does.Contain("unmapped VAT rate 2 %"));
    }

    [Test]
    public void Items_with_the_same_combined_rate_but_other_components_are_mapped_each_on_its_own()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o
                .ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", StateAndCity)
                .ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", [new(5, 0.50m), new(3, 0.30m)])
                .Pay("pm-card", 21.60m))
            .Build();

        var outcome = BookingEngine.Book(TaxExclusive(suspense: "471000"), day);

        ExpectedLines.AssertSame(
            ExpectedLines.Of(outcome.Entry!),
            "D 511200 21.60; C 706100 10.00 US8; C 445716 0.60; C 445720 0.20; C 471000 10.80");
        Assert.That(outcome.Warnings.Single().Message, Does.Contain("unmapped VAT rate 3 %").And.Contain("unmapped VAT rate 5 %"));
    }

    [Test]
    public void In_gross_mode_a_discount_loses_its_VAT_at_the_items_combined_rate()
    {
        var outcome = BookingEngine.Book(TaxExclusive(mode: "gross"), OneItemTaxedTwice(new ItemDiscount("Happy hour", 1.08m, DiscountType.Loss)));

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 511200 10.80; D 709700 1.00; C 706100 11.00 US8; C 445716 0.60; C 445720 0.20");
    }

    [Test]
    public void A_single_entry_taxes_list_books_like_tax_rate_and_tax_amount()
    {
        var listed = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.ItemWithTaxes(1, 20.00m, 22.00m, "cat-food", [new(10, 2.00m)]).Pay("pm-card", 22.00m))
            .Build();
        var plain = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
            .Build();

        var config = ReferenceConfiguration.Load();

        Assert.That(
            BookingOutcomeJson.Write(BookingEngine.Book(config, listed)),
            Is.EqualTo(BookingOutcomeJson.Write(BookingEngine.Book(config, plain))));
    }
}
