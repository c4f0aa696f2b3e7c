using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>Labels in the consumer's language, with the POS's own names (issue: "accounting records in France are kept in French").</summary>
public class EntryLanguageTests
{
    private static ServiceDay NamedDay() => new()
    {
        LocationId = "loc-1",
        BusinessDate = new DateOnly(2025, 3, 14),
        Closure = new Closure(ClosureStatus.Closed),
        Orders =
        [
            new Order
            {
                Id = "O-1", Total = 33.00m, TaxAmount = 3.00m, TotalTip = 2.00m,
                Items = [
                    new OrderItem
                    {
                        Id = "L1", Quantity = 2, UnitPrice = 15.00m, Total = 33.00m, TaxAmount = 3.00m, TaxRate = 5.5m,
                        CategoryId = "cat-food", CategoryName = "Cuisine",
                    }],
                Payments = [
                    new Payment { Id = "P1", PaymentMethodId = "pm-card", PaymentMethodName = "Carte bancaire", Total = 33.00m, Tip = 2.00m }],
            },
        ],
    };

    [TestCase(null, null, EntryLanguage.English, TestName = "Without a country or a language the labels are English")]
    [TestCase("FR", null, EntryLanguage.French, TestName = "A French business's labels are French by default")]
    [TestCase("BE", null, EntryLanguage.French, TestName = "A Belgian business's labels are French by default")]
    [TestCase("GB", null, EntryLanguage.English, TestName = "A British business's labels are English")]
    [TestCase("FR", "en", EntryLanguage.English, TestName = "The language setting wins over the country")]
    [TestCase(null, "fr", EntryLanguage.French, TestName = "The language setting alone is enough")]
    public void The_labels_language_defaults_from_the_country(string? country, string? language, EntryLanguage expected)
    {
        var config = ReferenceConfiguration.Load(c =>
        {
            if (country is not null) c["settings"]!["country"] = country;
            if (language is not null) c["settings"]!["language"] = language;
        });

        Assert.That(EntryLanguages.For(config.Settings), Is.EqualTo(expected));
    }

    [Test]
    public void A_French_consumers_entry_is_labelled_in_French_with_the_POS_names()
    {
        var config = ReferenceConfiguration.Load(c => c["settings"]!["country"] = "FR");

        var entry = BookingEngine.Book(config, NamedDay()).Entry!;

        Assert.That(entry.Lines.Select(l => l.Label), Is.EqualTo(new[] { "Carte bancaire", "Ventes Cuisine 5,5 %", "TVA 5,5 %", "Pourboires" }));
        Assert.That(entry.Lines.Select(l => l.Name), Is.EqualTo(new[] { "Carte bancaire", "Cuisine", null, null }));
    }

    [Test]
    public void An_English_consumers_entry_keeps_its_English_labels_and_the_POS_names()
    {
        var entry = BookingEngine.Book(ReferenceConfiguration.Load(), NamedDay()).Entry!;

        Assert.That(entry.Lines.Select(l => l.Label), Is.EqualTo(new[] { "Carte bancaire", "Sales Cuisine 5.5%", "VAT 5.5%", "Tips" }));
    }

    [Test]
    public void The_difference_line_is_in_the_consumers_language_too()
    {
        var config = ReferenceConfiguration.Load(c => c["settings"]!["language"] = "fr");
        var day = NamedDay();
        day = day with { Orders = [day.Orders[0] with { Payments = [day.Orders[0].Payments[0] with { Total = 30.00m }] }] };

        var outcome = BookingEngine.Book(config, day);

        Assert.That(outcome.Entry!.Lines.Select(l => l.Label), Does.Contain("Écart de caisse"));
    }

    [TestCase("country", "France", "settings.country must be an ISO 3166 code of two capital letters such as FR")]
    [TestCase("language", "de", "settings.language must be one of en, fr")]
    public void A_bad_country_or_language_is_refused_naming_the_field(string field, string value, string expected)
    {
        var json = ReferenceConfiguration.Json(c => c["settings"]![field] = value);

        var parsed = ConsumerConfigurationReader.ReadJson(json);

        Assert.That(parsed.IsValid, Is.False);
        Assert.That(parsed.Describe(), Does.Contain(expected));
    }
}
