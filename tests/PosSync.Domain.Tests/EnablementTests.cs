using PosSync.Domain.Enablement;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

public class EnablementTests
{
    private static readonly PosCatalog BrasserieCatalog = new(
        [new("pm-card", "Card"), new("pm-cash", "Cash")],
        [new("cat-food", "Food"), new("cat-drinks", "Drinks")],
        [10m, 20m, 5.5m, 0m]);

    [Test]
    public void A_fully_connected_and_mapped_consumer_is_enabled()
    {
        var result = SyncEnablement.Evaluate(ReferenceConfiguration.Load(), BrasserieCatalog);

        Assert.That(result.IsEnabled, Is.True, result.Describe());
    }

    [Test]
    public void S22_a_VAT_rate_the_POS_knows_without_mapping_disables_the_sync_and_names_the_mapping()
    {
        var config = Configuration.ConsumerConfigurationReader.ReadJson(BookingScenarios.ConfigWithoutVat55).Value!;

        var result = SyncEnablement.Evaluate(config, BrasserieCatalog);

        Assert.That(result.IsEnabled, Is.False);
        Assert.That(result.Reasons.Single().Message, Does.StartWith("mappings.vat_rates.5.5"));
    }

    [Test]
    public void Every_reason_is_listed_not_just_the_first()
    {
        var config = ReferenceConfiguration.Load(c =>
        {
            c["pos"]!["status"] = "needs_reconnect";
            c.Remove("accounting");
            c["mappings"]!.AsObject().Remove("tips");
            c["settings"]!.AsObject().Remove("journal");
        });
        var catalog = BrasserieCatalog with { PaymentMethods = [.. BrasserieCatalog.PaymentMethods, new("pm-lydia", "Lydia")] };

        var result = SyncEnablement.Evaluate(config, catalog);

        Assert.That(result.Reasons.Select(r => r.Code.Word), Is.EquivalentTo(new[]
        {
            "POS_NEEDS_RECONNECT", "ACCOUNTING_NOT_CONNECTED", "MAPPING_MISSING", "MAPPING_MISSING", "MAPPING_MISSING",
        }));
        Assert.That(
            result.Describe(),
            Does.Contain("settings.journal").And.Contain("mappings.tips").And.Contain("Lydia (pm-lydia)").And.Contain("reconnect"));
    }

    [Test]
    public void A_pending_accounting_connection_keeps_the_sync_disabled()
    {
        var result = SyncEnablement.Evaluate(ReferenceConfiguration.Load(c => c["accounting"]!["status"] = "pending"), PosCatalog.Unknown);

        Assert.That(result.Reasons.Single().Code, Is.EqualTo(EnablementCodes.AccountingPending));
    }

    [Test]
    public void Gross_mode_needs_discount_and_complimentary_accounts()
    {
        var config = ReferenceConfiguration.Load(c =>
        {
            c["settings"]!["revenue_mode"] = "gross";
            c["mappings"]!["discounts"] = null;
            c["mappings"]!["complimentary"] = null;
        });

        var result = SyncEnablement.Evaluate(config, PosCatalog.Unknown);

        Assert.That(result.Describe(), Does.Contain("mappings.discounts").And.Contain("mappings.complimentary"));
    }
}
