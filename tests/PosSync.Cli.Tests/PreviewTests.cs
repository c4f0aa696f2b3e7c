using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PosSync.Domain.Days;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

public class PreviewTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "possync-preview-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static IEnumerable<BookingScenario> Scenarios() => BookingScenarios.All();

    [TestCaseSource(nameof(Scenarios))]
    public async Task Possync_preview_prints_what_each_booking_scenario_books(BookingScenario scenario)
    {
        var config = Write("consumer.json", scenario.ConfigJson);
        var day = Write("day.json", ServiceDayWriter.Write(scenario.Day));
        var args = new List<string> { "preview", "--config", config, "--day", day };
        if (scenario.ForceBeforeStartDate) args.Add("--force-before-start");

        var result = await Possync.RunAsync([.. args]);

        var expected = scenario.Expected;
        Assert.That(result.ExitCode, Is.EqualTo(expected.Status == "error" ? 2 : 0), result.Errors);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo(expected.Status));
        if (expected.Lines is not null) ExpectedLines.AssertSame(ExpectedLines.Of(root.GetProperty("entry")), expected.Lines);
        else Assert.That(root.TryGetProperty("entry", out _), Is.False);
        var reason = root.TryGetProperty("error", out var error) ? error : root.TryGetProperty("reason", out var why) ? why : (JsonElement?)null;
        if (expected.Code is not null) Assert.That(reason?.GetProperty("code").GetString(), Is.EqualTo(expected.Code));
        foreach (var text in expected.MessageContains ?? []) Assert.That(reason?.GetProperty("message").GetString(), Does.Contain(text));
        Assert.That(
            root.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()),
            Is.EquivalentTo(expected.WarningCodes ?? []));
        Assert.That(Regex.Matches(result.Output, @"""(debit|credit)"": (-?\d+\.\d{3,})"), Is.Empty, "amounts have at most 2 decimals");
    }

    [Test]
    public async Task The_entry_prints_in_the_documented_shape()
    {
        var result = await Possync.RunAsync("preview", "--config", Write("c.json", ReferenceConfiguration.Json()),
            "--day", Write("d.json", ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"))));

        using var json = JsonDocument.Parse(result.Output);
        var entry = json.RootElement.GetProperty("entry");
        Assert.That(entry.GetProperty("number").GetString(), Is.EqualTo("POS-loc-1-20250314"));
        Assert.That(entry.GetProperty("date").GetString(), Is.EqualTo("2025-03-14"));
        Assert.That(entry.GetProperty("journal").GetString(), Is.EqualTo("jrn-ca"));
        Assert.That(entry.GetProperty("currency").GetString(), Is.EqualTo("EUR"));
        var card = entry.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("account").GetString() == "511200");
        Assert.That(card.GetProperty("debit").GetRawText(), Is.EqualTo("33.00"));
        Assert.That(card.GetProperty("credit").GetRawText(), Is.EqualTo("0"));
        Assert.That(card.GetProperty("label").GetString(), Is.EqualTo("Card"));
    }

    [Test]
    public async Task Possync_preview_books_a_day_with_several_taxes_per_item_and_cash_rounding()
    {
        var config = Write("c.json", ReferenceConfiguration.Json(c =>
        {
            c["mappings"]!["vat_rates"]!["6"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "ST6", ["account"] = "445716" };
            c["mappings"]!["vat_rates"]!["2"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "CT2", ["account"] = "445720" };
        }));
        var day = Write("d.json", """
            { "location_id": "loc-1", "business_date": "2025-03-14", "closure": { "status": "closed" },
              "orders": [
                { "id": "O-1", "service_date": "2025-03-14", "total": 10.80, "tax_amount": 0.80,
                  "items": [ { "id": "L1", "quantity": 1, "unit_price": 10.00, "total": 10.80, "category_id": "cat-food",
                               "taxes": [ { "rate": 6, "amount": 0.60 }, { "rate": 2, "amount": 0.20 } ] } ],
                  "payments": [ { "id": "P1", "payment_method_id": "pm-card", "payment_method_name": "Card", "total": 10.80 } ] },
                { "id": "O-2", "service_date": "2025-03-14", "total": 3.32, "tax_amount": 0.302, "rounding": -0.02,
                  "items": [ { "id": "L1", "quantity": 1, "unit_price": 3.018, "total": 3.32, "tax_amount": 0.302, "tax_rate": 10, "category_id": "cat-food" } ],
                  "payments": [ { "id": "P1", "payment_method_id": "pm-cash", "payment_method_name": "Cash", "total": 3.30 } ] } ] }
            """);

        var result = await Possync.RunAsync("preview", "--config", config, "--day", day);

        Assert.That(result.ExitCode, Is.Zero, result.Errors + result.Output);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("booked"));
        ExpectedLines.AssertSame(ExpectedLines.Of(root.GetProperty("entry")),
            "D 511200 10.80; D 530000 3.30; D 658100 0.02; C 706100 10.00; C 706100 3.02 FR10; C 445716 0.60 ST6; " +
                "C 445720 0.20 CT2; C 445712 0.30 FR10");
        var last = root.GetProperty("entry").GetProperty("lines").EnumerateArray().Last();
        Assert.That(last.GetProperty("label").GetString(), Is.EqualTo("Cash rounding"));
        Assert.That(root.GetProperty("warnings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_YAML_configuration_previews_like_its_JSON_twin()
    {
        var yaml = Write("c.yaml", """
            consumer_id: c-1
            name: Le Zinc
            created_by_email: zinc@example.org
            pos: { connector: lightspeed, status: active }
            accounting: { connector: pennylane, status: active }
            locations: [ { id: loc-1, name: Centre, timezone: Europe/Paris, day_cutoff: "04:00" } ]
            settings: { journal: VE, currency: EUR, start_date: 2025-01-01, tolerance: 10, rounding_threshold: 0.05 }
            mappings:
              payment_methods: { pm-card: "511200", pm-cash: "530000" }
              categories: { cat-food: "706100" }
              vat_rates: { 10: { code: FR10, account: "445712" } }
              tips: "467100"
              rounding: { debit: "658100", credit: "758100" }
              difference: { debit: "658000", credit: "758000" }
            """);

        var result = await Possync.RunAsync(
            "preview", "--config", yaml, "--day",
            Write("d.json", ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"))));

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        using var json = JsonDocument.Parse(result.Output);
        ExpectedLines.AssertSame(
            ExpectedLines.Of(json.RootElement.GetProperty("entry")),
            "D 511200 33.00; D 530000 22.00; C 706100 50.00; C 445712 5.00");
    }

    [TestCase("\"total\":33.00,\"tax_amount\"", "\"tax_amount\"", "orders[0].total is required")]
    [TestCase("\"total\":33.00,\"tax_amount\"", "\"total\":33.0001,\"tax_amount\"", "orders[0].total must have at most 3 decimals")]
    [TestCase("\"total\":33.00,\"tax_amount\"", "\"total\":\"33.00\",\"tax_amount\"", "orders[0].total must be a number, not the string \"33.00\"")]
    [TestCase("\"total\":33.00,\"tax_amount\"", "\"total\":NaN,\"tax_amount\"", "the input is not valid JSON")]
    [TestCase("\"status\":\"Completed\"", "\"status\":\"Paid\"", "orders[0].payments[0].status must be one of Completed")]
    [TestCase("\"location_id\":\"loc-1\"", "\"location_id\":\"../../etc/passwd\"", "location_id must contain only letters")]
    [TestCase("\"id\":\"O-101\"", "\"id\":\"O-\\u001b[2J\"", "orders[0].id must not contain control characters")]
    public async Task A_malformed_day_exits_1_naming_the_field(string find, string replace, string expected)
    {
        var day = ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"));
        var index = day.IndexOf(find, StringComparison.Ordinal);
        var broken = string.Concat(day.AsSpan(0, index), replace, day.AsSpan(index + find.Length));

        var result = await Possync.RunAsync("preview", "--config", Write("c.json", ReferenceConfiguration.Json()), "--day", Write("d.json", broken));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Is.Empty, "nothing on standard output when the input is unusable");
        Assert.That(result.Errors, Does.Contain(expected));
        Assert.That(result.Errors, Does.Not.Contain("   at "), "a message, never a stack trace");
    }

    [Test]
    public async Task A_bad_configuration_exits_1_naming_every_bad_field()
    {
        var config = ReferenceConfiguration.Json(c =>
        {
            c["settings"]!["tolerance"] = -5m;
            c["locations"]![0]!["timezone"] = "Europe/Atlantis";
            c["mappings"]!["tips"] = "46 71";
        });

        var result = await Possync.RunAsync(
            "preview", "--config", Write("c.json", config), "--day",
            Write("d.json", ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"))));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("settings.tolerance must be >= 0"));
        Assert.That(result.Errors, Does.Contain("locations[0].timezone must be an IANA time zone"));
        Assert.That(result.Errors, Does.Contain("mappings.tips must be an account number"));
    }

    [Test]
    public async Task A_hundred_megabytes_of_garbage_exits_1_with_a_clear_message()
    {
        var path = Path.Combine(_folder, "garbage.json");
        var garbage = new byte[100 * 1024 * 1024];
        new Random(3).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);

        var result = await Possync.RunAsync("preview", "--config", Write("c.json", ReferenceConfiguration.Json()), "--day", path);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("garbage.json is 100 MiB (104,857,600 bytes); at most 64 MiB (67,108,864 bytes) is accepted"));
    }

    [Test]
    public async Task A_missing_file_exits_1_naming_it()
    {
        var result = await Possync.RunAsync("preview", "--config", Path.Combine(_folder, "nowhere.json"), "--day", Write("d.json", "{}"));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("cannot read the configuration file nowhere.json"));
    }

    [Test]
    public async Task Both_inputs_bad_reports_both()
    {
        var result = await Possync.RunAsync(
            "preview",
            "--config",
            Write("c.json", "{\"consumer_id\": 5}"),
            "--day",
            Write("d.json", Encoding.UTF8.GetString([0xff, 0xfe, 0x00])));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("consumer_id must be a string"));
        Assert.That(result.Errors, Does.Contain("the day d.json is not usable"));
    }
}
