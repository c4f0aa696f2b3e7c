using System.Text;
using System.Text.Json.Nodes;
using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

public class ConfigurationTests
{
    private static IReadOnlyList<string> Problems(Action<JsonObject> change) =>
        ConsumerConfigurationReader.ReadJson(ReferenceConfiguration.Json(change)).Problems;

    [Test]
    public void CFG_A_reads_with_its_locations_settings_and_mappings()
    {
        var config = ReferenceConfiguration.Load();

        Assert.That(config.ConsumerId, Is.EqualTo("c-brasserie"));
        Assert.That(config.Locations.Select(l => l.Id), Is.EqualTo(new[] { "loc-1", "loc-2" }));
        Assert.That(config.Locations[0].DayCutoff, Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(config.Settings.Tolerance, Is.EqualTo(50.00m));
        Assert.That(config.Mappings.VatRates[5.5m].Code, Is.EqualTo("FR55"));
        Assert.That(config.Mappings.VatRates[0m].Account, Is.Null);
    }

    [Test]
    public void A_VAT_rate_matches_whatever_way_its_number_is_written()
    {
        var config = ReferenceConfiguration.Load();

        Assert.That(config.Mappings.VatRates.ContainsKey(10.00m), Is.True);
        Assert.That(config.Mappings.VatRates.ContainsKey(10m), Is.True);
    }

    [Test]
    public void The_same_configuration_in_YAML_reads_the_same()
    {
        const string yaml = """
            consumer_id: c-brasserie
            name: Brasserie Centrale
            created_by_email: owner@brasserie.example
            pos: { connector: lightspeed, status: active }
            accounting: { connector: pennylane, status: active }
            locations:
              - { id: loc-1, name: Centre, timezone: Europe/Paris, day_cutoff: "04:00" }
              - { id: loc-2, name: Gare, timezone: Europe/Paris, day_cutoff: "04:00" }
            settings:
              journal: jrn-ca
              currency: EUR
              start_date: 2025-03-01
              tolerance: 50.0
              rounding_threshold: 0.05
              revenue_mode: net
              count_authorised_payments: false
            mappings:
              payment_methods: { pm-card: "511200", pm-cash: "530000", pm-tr: "511300", pm-gc: "419100" }
              categories: { cat-food: "706100", cat-drinks: "706200", cat-bakery: "707000", cat-giftcard: "419100" }
              vat_rates:
                20: { code: FR20, account: "445711" }
                10: { code: FR10, account: "445712" }
                5.5: { code: FR55, account: "445713" }
                0: { code: EXO, account: null }
              tips: "467100"
              discounts: "709700"
              complimentary: "623400"
              rounding: { debit: "658100", credit: "758100" }
              difference: { debit: "658000", credit: "758000" }
              suspense: null
            """;

        var parsed = ConsumerConfigurationReader.ReadFile("brasserie.yaml", Encoding.UTF8.GetBytes(yaml));

        Assert.That(parsed.IsValid, Is.True, parsed.Describe());
        Assert.That(ConsumerConfigurationWriter.Write(parsed.Value!), Is.EqualTo(ConsumerConfigurationWriter.Write(ReferenceConfiguration.Load())));
    }

    [Test]
    public void What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        var config = ReferenceConfiguration.Load(c => c["settings"]!["revenue_mode"] = "gross");

        var written = ConsumerConfigurationWriter.Write(config);
        var reread = ConsumerConfigurationReader.ReadJson(written);

        Assert.That(reread.IsValid, Is.True, reread.Describe());
        Assert.That(ConsumerConfigurationWriter.Write(reread.Value!), Is.EqualTo(written));
    }

    [TestCase("02:00", 2.0, TestName = "close_after 02:00 waits two hours after the cut-off")]
    [TestCase("26:30", 26.5, TestName = "close_after 26:30 waits past the next day")]
    [TestCase(null, 2.0, TestName = "Without close_after a day waits the default two hours")]
    public void The_grace_after_a_day_without_closure(string? closeAfter, double hours)
    {
        var config = ReferenceConfiguration.Load(c => { if (closeAfter is not null) c["settings"]!["close_after"] = closeAfter; });

        Assert.That(config.Settings.EffectiveCloseAfter, Is.EqualTo(TimeSpan.FromHours(hours)));
        Assert.That(
            ConsumerConfigurationReader.ReadJson(ConsumerConfigurationWriter.Write(config)).Value!.Settings.CloseAfter,
            Is.EqualTo(config.Settings.CloseAfter),
            "written and read back unchanged");
    }

    [TestCase("true", true, TestName = "replace_on_drift true lets a recheck replace a changed booked day")]
    [TestCase("false", false, TestName = "replace_on_drift false leaves the entry for a re-import")]
    [TestCase(null, false, TestName = "Without replace_on_drift a recheck only reports the drift")]
    public void Whether_a_recheck_may_replace_a_booked_entry(string? json, bool replaces)
    {
        var config = ReferenceConfiguration.Load(c => { if (json is not null) c["settings"]!["replace_on_drift"] = JsonNode.Parse(json); });

        Assert.That(config.Settings.ReplaceOnDrift, Is.EqualTo(replaces));
        Assert.That(
            ConsumerConfigurationReader.ReadJson(ConsumerConfigurationWriter.Write(config)).Value!.Settings.ReplaceOnDrift, Is.EqualTo(replaces),
            "written and read back unchanged");
    }

    [TestCase("settings.tolerance must be >= 0")]
    public void A_negative_tolerance_is_refused_naming_the_field(string expected)
    {
        Assert.That(Problems(c => c["settings"]!["tolerance"] = -1m), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void A_malformed_account_is_refused_with_the_path_of_the_mapping()
    {
        var problems = Problems(c => c["mappings"]!["vat_rates"]!["5.5"]!["account"] = "4457 13; DROP TABLE");

        Assert.That(problems.Single(), Does.StartWith("mappings.vat_rates.5.5.account must be an account number"));
    }

    [TestCase("timezone", "Mars/Olympus", "locations[0].timezone must be an IANA time zone")]
    [TestCase("timezone", "../../../etc/passwd", "locations[0].timezone must be an IANA time zone")]
    [TestCase("day_cutoff", "25:00", "locations[0].day_cutoff must be a time of day")]
    [TestCase("id", "loc 1/../x", "locations[0].id must contain only letters")]
    public void A_bad_location_field_is_refused_naming_it(string field, string value, string expected)
    {
        var problems = Problems(c => c["locations"]![0]![field] = value);

        Assert.That(problems.Single(), Does.StartWith(expected));
    }

    [TestCase("start_date", "\"first of March\"", "settings.start_date must be a date (yyyy-MM-dd)")]
    [TestCase("start_date", "20250301", "settings.start_date must be a date (yyyy-MM-dd), not the number 20250301")]
    [TestCase("tolerance", "\"50\"", "settings.tolerance must be a number")]
    [TestCase("tolerance", "50.001", "settings.tolerance must have at most 2 decimals")]
    [TestCase("revenue_mode", "\"netto\"", "settings.revenue_mode must be one of net, gross")]
    [TestCase("currency", "\"euro\"", "settings.currency must be")]
    [TestCase("count_authorised_payments", "\"yes\"", "settings.count_authorised_payments must be true or false")]
    [TestCase("close_after", "\"2h\"", "settings.close_after must be a duration of at most 72 hours as HH:mm")]
    [TestCase("close_after", "\"73:00\"", "settings.close_after must be a duration of at most 72 hours as HH:mm")]
    [TestCase("close_after", "\"02:60\"", "settings.close_after must be a duration of at most 72 hours as HH:mm")]
    [TestCase("replace_on_drift", "\"yes\"", "settings.replace_on_drift must be true or false")]
    public void A_bad_setting_is_refused_naming_it(string field, string json, string expected)
    {
        var problems = Problems(c => c["settings"]![field] = JsonNode.Parse(json));

        Assert.That(problems.Single(), Does.StartWith(expected));
    }

    [Test]
    public void Missing_required_fields_are_all_listed()
    {
        var problems = Problems(c =>
        {
            c.Remove("consumer_id");
            c["settings"]!.AsObject().Remove("start_date");
            c["locations"]![0]!.AsObject().Remove("timezone");
        });

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "consumer_id is required", "settings.start_date is required", "locations[0].timezone is required",
        }));
    }

    [Test]
    public void A_misspelt_field_is_refused_rather_than_silently_ignored()
    {
        var problems = Problems(c => c["settings"]!["tolerence"] = 10m);

        Assert.That(problems.Single(), Is.EqualTo("settings.tolerence is not a known field"));
    }

    [Test]
    public void Two_keys_for_the_same_VAT_rate_are_refused()
    {
        var problems = Problems(c => c["mappings"]!["vat_rates"]!["10.0"] = new JsonObject { ["code"] = "FR10B", ["account"] = "445712" });

        Assert.That(problems.Single(), Does.StartWith("mappings.vat_rates.10.0 is the same rate as mappings.vat_rates.10"));
    }

    [Test]
    public void An_unknown_connector_or_status_is_refused()
    {
        var problems = Problems(c =>
        {
            c["pos"]!["connector"] = "abacus";
            c["accounting"]!["status"] = "connected";
        });

        Assert.That(problems, Has.Some.StartWith("pos.connector must be one of lightspeed, square, folder"));
        Assert.That(problems, Has.Some.StartWith("accounting.status must be one of active, pending, needs_reconnect"));
    }

    [Test]
    public void Broken_YAML_says_where()
    {
        var parsed = ConsumerConfigurationReader.ReadFile("c.yaml", Encoding.UTF8.GetBytes("consumer_id: [unclosed\nname: x\n"));

        Assert.That(parsed.Problems.Single(), Does.StartWith("the input is not valid YAML"));
    }

    [Test]
    public void A_YAML_alias_bomb_is_refused_instead_of_expanded()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
            yaml.Append(
                $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");

        var parsed = ConsumerConfigurationReader.ReadFile("bomb.yml", Encoding.UTF8.GetBytes(yaml.ToString()));

        Assert.That(parsed.Problems.Single(), Does.Contain("more than"));
    }

    [Test]
    public void The_FEC_needs_a_SIREN_and_takes_only_its_own_options()
    {
        var missing = Problems(c => c["accounting"]!["connector"] = "fec");
        var wrong = Problems(c =>
        {
            c["accounting"]!["connector"] = "fec";
            c["accounting"]!["options"] = new JsonObject { ["siren"] = "12345", ["fiscal_year_end"] = "02-30", ["colour"] = "blue" };
        });
        var fine = ConsumerConfigurationReader.ReadJson(ReferenceConfiguration.Json(c =>
        {
            c["accounting"]!["connector"] = "fec";
            c["accounting"]!["options"] = new JsonObject { ["siren"] = "123456789", ["fiscal_year_end"] = "06-30" };
        }));

        Assert.That(missing.Single(), Does.StartWith("accounting.options.siren is required by the fec connector"));
        Assert.That(wrong, Has.Some.StartWith("accounting.options.siren must be the company's 9-digit SIREN"));
        Assert.That(wrong, Has.Some.StartWith("accounting.options.fiscal_year_end must be the fiscal year's closing day"));
        Assert.That(wrong, Has.Some.StartWith("accounting.options.colour is not an option of the fec connector"));
        Assert.That(fine.Value!.Accounting!.Option("fiscal_year_end"), Is.EqualTo("06-30"));
        Assert.That(
            ConsumerConfigurationWriter.Write(fine.Value!),
            Does.Contain("\"options\":{\"fiscal_year_end\":\"06-30\",\"siren\":\"123456789\"}"));
    }

    [Test]
    public void The_FEC_euro_rates_file_is_an_absolute_path_and_named_when_it_is_not()
    {
        var relative = Problems(c =>
        {
            c["accounting"]!["connector"] = "fec";
            c["accounting"]!["options"] = new JsonObject { ["siren"] = "123456789", ["eur_rates"] = "rates/eurofxref-hist.csv" };
        });
        var absolute = Path.Combine(Path.GetTempPath(), "eurofxref-hist.csv");
        var fine = ConsumerConfigurationReader.ReadJson(ReferenceConfiguration.Json(c =>
        {
            c["accounting"]!["connector"] = "fec";
            c["accounting"]!["options"] = new JsonObject { ["siren"] = "123456789", ["eur_rates"] = absolute };
        }));

        Assert.That(
            relative.Single(),
            Does.StartWith("accounting.options.eur_rates must be the absolute path of a CSV file of euro reference rates"));
        Assert.That(fine.Value!.Accounting!.Option("eur_rates"), Is.EqualTo(absolute), "the file itself is read when a day is booked");
    }

    [Test]
    public void A_connector_without_options_refuses_any()
    {
        Assert.That(Problems(c => c["pos"]!["options"] = new JsonObject { ["token"] = "secret" }).Single(),
            Is.EqualTo("pos.options.token is not an option of the lightspeed connector, which takes none"));
    }
}
