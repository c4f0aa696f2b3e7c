using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PosSync.Cli.Demo;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// The configuration history as support reads it, on the demo's week: consumers apply records what
/// changed, consumers show dates it, and diagnose judges each run by the tolerance in force at it.
/// </summary>
public class ConfigurationHistoryCommandTests
{
    private static string _folder = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoWeek()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-history-" + Guid.NewGuid().ToString("N"));
        var report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), TextWriter.Null, CancellationToken.None);
        Assert.That(report.ExitCode, Is.Zero);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string ConfigFile(string consumer) => Path.Combine(_folder, "consumers", consumer + ".json");

    private static async Task SetToleranceAsync(string consumer, decimal tolerance)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ConfigFile(consumer)))!;
        config["settings"]!["tolerance"] = tolerance;
        await File.WriteAllTextAsync(ConfigFile(consumer), config.ToJsonString());
    }

    private static async Task<CliResult> Run(params string[] args)
    {
        var result = await Possync.RunAsync([.. args, "--data", _folder]);
        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        return result;
    }

    private static async Task<Dictionary<string, string>> Verdicts(string consumer, string day, string? location = null)
    {
        var args = new List<string> { "diagnose", consumer, "--day", day, "--json" };
        if (location is not null) args.AddRange(["--location", location]);
        var report = JsonDocument.Parse((await Run([.. args])).Output).RootElement;
        var verdicts = report.GetProperty("checks").EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("name").GetString()!,
                c => $"{c.GetProperty("verdict").GetString()}: {c.GetProperty("evidence").GetString()}");
        verdicts["Next"] = report.GetProperty("next").GetString()!;
        return verdicts;
    }

    [Test, Order(1)]
    public async Task A_run_recorded_before_PosSync_kept_its_settings_is_judged_by_today_s_tolerance_and_says_so()
    {
        await using (var database = new SqliteConnection($"Data Source={Path.Combine(_folder, "possync.db")}"))
        {
            await database.OpenAsync();
            await using var forget = database.CreateCommand();
            forget.CommandText = "UPDATE executions SET tolerance = NULL, rounding_threshold = NULL, booking_mode = NULL "
                                 + "WHERE consumer_id = 'c-brasserie' AND location_id = '1002' AND business_date = '2025-03-14'";
            Assert.That(await forget.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var verdicts = await Verdicts("c-brasserie", "2025-03-14", "1002");

        Assert.That(verdicts["Tolerance"], Does.StartWith("warning: 50.00, today's: this run was recorded before PosSync kept each run's settings"));
    }

    [Test, Order(2)]
    public async Task A_run_recorded_before_PosSync_kept_its_settings_takes_its_tolerance_from_the_history_once_it_changed()
    {
        await SetToleranceAsync("c-brasserie", 40.00m);
        await Run("consumers", "apply", "-f", ConfigFile("c-brasserie"));

        var verdicts = await Verdicts("c-brasserie", "2025-03-14", "1002");

        Assert.That(verdicts["Tolerance"], Does.Contain("50.00 in force at this run (from the configuration history); changed since: "
            + "settings.tolerance 50.00 → 40.00 on "));
    }

    [Test, Order(3)]
    public async Task Apply_change_the_tolerance_apply_shows_the_change_with_its_date_and_a_run_booked_before_is_judged_by_the_old_tolerance()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var unchanged = await Run("consumers", "apply", "-f", ConfigFile("c-boulangerie"));
        await SetToleranceAsync("c-boulangerie", 1.00m);

        var changed = await Run("consumers", "apply", "-f", ConfigFile("c-boulangerie"), "--by", "support-ticket-42");

        Assert.That(unchanged.Output, Does.Contain("Nothing changed: nothing recorded in its history."));
        Assert.That(changed.Output, Does.Contain("Recorded in its history: settings.tolerance 5.00 → 1.00."));
        var page = await Run("consumers", "show", "c-boulangerie");
        Assert.That(page.Output, Does.Contain($"settings.tolerance 5.00 → 1.00 on {today}")
            .And.Contain($"by support-ticket-42 from {ConfigFile("c-boulangerie")}"));
        var history = JsonDocument.Parse(
            (await Run("consumers", "show", "c-boulangerie", "--json")).Output).RootElement.GetProperty("configuration_history");
        var last = history.EnumerateArray().Last();
        Assert.That((last.GetProperty("field").GetString(), last.GetProperty("old_value").GetString(), last.GetProperty("new_value").GetString(),
            last.GetProperty("changed_by").GetString()), Is.EqualTo(("settings.tolerance", "5.00", "1.00", "support-ticket-42")));
        Assert.That(last.GetProperty("changed_at").GetString(), Does.StartWith(today));
        // 2025-03-14 was booked with a difference of −2.99 under the tolerance 5.00 of its run, not today's 1.00.
        var verdicts = await Verdicts("c-boulangerie", "2025-03-14");
        Assert.That(
            verdicts["Tolerance"],
            Does.StartWith($"info: 5.00 in force at this run; changed since: settings.tolerance 5.00 → 1.00 on {today}"));
        Assert.That(verdicts["Booked"], Does.StartWith("ok: entry POS-2001-20250314"));
    }

    [Test, Order(4)]
    public async Task A_mismatch_is_judged_by_the_tolerance_of_its_run_and_a_tolerance_raised_since_is_said_with_its_date()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await SetToleranceAsync("c-brasserie", 100.00m);
        await Run("consumers", "apply", "-f", ConfigFile("c-brasserie"));

        var verdicts = await Verdicts("c-brasserie", "2025-03-13", "1001");

        Assert.That(verdicts["Sum of all lines"], Does.Contain("gap +80.00 against the tolerance 50.00 in force at this run"));
        Assert.That(verdicts["Tolerance"], Does.Contain($"settings.tolerance 40.00 → 100.00 on {today}"));
        Assert.That(
            verdicts["Next"],
            Does.StartWith("The tolerance was changed to 100.00 after this run: a retry would book the gap as a difference."));
        var printed = await Run("diagnose", "c-brasserie", "--day", "2025-03-13", "--location", "1001");
        var readable = System.Text.RegularExpressions.Regex.Replace(printed.Output, @"\s+", " ");
        Assert.That(readable, Does.Contain("possible unrecorded tip").And.Contain($"40.00 → 100.00 on {today}"), "wrapped, never cut");
    }

    [Test]
    public async Task A_new_consumer_s_history_starts_with_its_creation_by_whom_and_from_which_file()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ConfigFile("c-zinc")))!;
        config["consumer_id"] = "c-zinc-bis";
        var file = Path.Combine(_folder, "c-zinc-bis.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        var applied = await Run("consumers", "apply", "-f", file, "--json");

        var changes = JsonDocument.Parse(applied.Output).RootElement.GetProperty("changes");
        Assert.That(changes.EnumerateArray().Select(c => c.GetProperty("field").GetString()), Is.EqualTo(new[] { "consumer" }));
        var page = await Run("consumers", "show", "c-zinc-bis");
        Assert.That(page.Output, Does.Contain($"consumer created on {DateTime.UtcNow:yyyy-MM-dd}").And.Contain($"from {file}"));
    }

    [Test]
    public async Task An_empty_by_is_refused_in_one_line()
    {
        var result = await Possync.RunAsync("consumers", "apply", "-f", ConfigFile("c-zinc"), "--by", " ", "--data", _folder);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors.Trim(), Is.EqualTo("error: --by must name who applies the configuration, in at most 256 characters."));
    }
}
