using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>What an apply records in a consumer's history: each changed field, old and new, never a secret's value.</summary>
public class ConfigurationDiffTests
{
    private static readonly ConsumerConfiguration Before = ReferenceConfiguration.Load();

    private static IReadOnlyList<ConfigurationChange> After(Action<System.Text.Json.Nodes.JsonObject> change) =>
        ConfigurationDiff.Between(Before, ReferenceConfiguration.Load(change));

    [Test]
    public void A_new_consumer_records_its_creation_once()
    {
        var changes = ConfigurationDiff.Between(null, Before);

        Assert.That(changes, Is.EqualTo(new[] { new ConfigurationChange("consumer", null, "created") }));
    }

    [Test]
    public void Applying_the_same_configuration_again_records_nothing()
    {
        var changes = ConfigurationDiff.Between(Before, ReferenceConfiguration.Load());

        Assert.That(changes, Is.Empty);
    }

    [TestCase(50, TestName = "A tolerance written 50 is the same as 50.00: nothing recorded")]
    [TestCase(50.000, TestName = "A tolerance written 50.000 is the same as 50.00: nothing recorded")]
    public void An_amount_written_another_way_is_no_change(decimal tolerance)
    {
        var changes = After(c => c["settings"]!["tolerance"] = tolerance);

        Assert.That(changes, Is.Empty);
    }

    [TestCase("tolerance", 5, "settings.tolerance", "50.00", "5.00", TestName = "A lowered tolerance is recorded as 50.00 → 5.00")]
    [TestCase(
        "rounding_threshold", 0.1, "settings.rounding_threshold", "0.05", "0.10",
        TestName = "A rounding threshold is recorded with its two decimals")]
    [TestCase("revenue_mode", "gross", "settings.revenue_mode", "net", "gross", TestName = "A change of booking mode is recorded")]
    [TestCase("start_date", "2025-04-01", "settings.start_date", "2025-03-01", "2025-04-01", TestName = "A new start date is recorded")]
    public void A_changed_setting_is_recorded_with_its_old_and_new_value(string setting, object value, string field, string old, string now)
    {
        var changes = After(c => c["settings"]![setting] = System.Text.Json.Nodes.JsonValue.Create(value));

        Assert.That(changes, Is.EqualTo(new[] { new ConfigurationChange(field, old, now) }));
    }

    [Test]
    public void A_mapping_added_and_a_location_renamed_are_named_by_their_key_and_id()
    {
        var changes = After(c =>
        {
            c["mappings"]!["payment_methods"]!["pm-amex"] = "511400";
            c["locations"]![1]!["name"] = "Gare du Nord";
        });

        Assert.That(changes, Is.EqualTo(new[]
        {
            new ConfigurationChange("locations.loc-2.name", "Gare", "Gare du Nord"),
            new ConfigurationChange("mappings.payment_methods.pm-amex", null, "511400"),
        }));
    }

    [Test]
    public void A_connection_status_is_PosSyncs_record_not_the_configurations()
    {
        var changes = ConfigurationDiff.Between(Before, Before with { Pos = Before.Pos! with { Status = ConnectionStatus.NeedsReconnect } });

        Assert.That(changes, Is.Empty);
    }

    [Test]
    public void A_secret_bearing_field_is_recorded_as_changed_never_with_its_value()
    {
        var withKey = Before with { Pos = Before.Pos! with { Options = new Dictionary<string, string> { ["api_key"] = "sk-live-OLD" } } };
        var rotated = Before with { Pos = Before.Pos! with { Options = new Dictionary<string, string> { ["api_key"] = "sk-live-NEW" } } };

        var changes = ConfigurationDiff.Between(withKey, rotated);

        Assert.That(changes, Is.EqualTo(new[] { new ConfigurationChange("pos.options.api_key", null, "(changed)") }));
    }

    [TestCase("pos.options.api_key", true)]
    [TestCase("accounting.options.client_secret", true)]
    [TestCase("pos.options.refresh_token", true)]
    [TestCase("pos.options.Password", true)]
    [TestCase("settings.tolerance", false)]
    [TestCase("accounting.options.siren", false)]
    [TestCase("mappings.payment_methods.pm-card", false)]
    public void Fields_are_secret_by_their_name(string field, bool secret)
    {
        Assert.That(ConfigurationDiff.IsSecret(field), Is.EqualTo(secret));
    }
}
