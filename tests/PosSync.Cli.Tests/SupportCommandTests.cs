using PosSync.Testing;
using System.Text.Json;
using PosSync.Cli.Demo;

namespace PosSync.Cli.Tests;

/// <summary>The support commands against a database filled by real pipeline runs: the demo's week.</summary>
public partial class SupportCommandTests
{
    private static string _folder = null!;
    private static DemoReport _demo = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoWeek()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-support-" + Guid.NewGuid().ToString("N"));
        _demo = await DemoRun.ExecuteAsync(new DemoSettings(_folder), TextWriter.Null, CancellationToken.None);
        Assert.That(_demo.ExitCode, Is.Zero);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    private static async Task<JsonElement> Json(params string[] args)
    {
        var result = await Possync.RunAsync([.. args, "--data", _folder, "--json"]);
        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    [TestCase("brasserie CENTRALE", "c-brasserie", TestName = "Support finds a consumer by part of its sync name, in any case")]
    [TestCase("martin@boulangerie", "c-boulangerie", TestName = "Support finds a consumer by its creator's e-mail")]
    public async Task Find(string text, string expected)
    {
        var found = await Json("consumers", "find", text);

        Assert.That(found.EnumerateArray().Select(c => c.GetProperty("consumer_id").GetString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task The_page_of_an_enabled_consumer_shows_its_connections_executions_requests_and_configuration()
    {
        var page = await Json("consumers", "show", "c-brasserie");

        Assert.That(page.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(
            page.GetProperty("connections").EnumerateArray()
                .Select(
                    c => (
                        c.GetProperty("connector").GetString(),
                        c.GetProperty("status").GetString(),
                        c.GetProperty("credentials_stored").GetBoolean())),
            Is.EqualTo(new[] { ("lightspeed", "active", true), ("pennylane", "active", true) }));
        Assert.That(page.GetProperty("recent_executions").GetArrayLength(), Is.EqualTo(10));
        Assert.That(page.GetProperty("recent_requests").GetArrayLength(), Is.EqualTo(10));
        Assert.That(page.GetProperty("configuration").GetProperty("settings").GetProperty("journal").GetString(), Is.EqualTo("CA"));
        Assert.That(page.GetRawText(), Does.Not.Contain("\"at-"), "no token on the page");
    }

    [Test]
    public async Task The_page_of_a_disabled_consumer_says_every_reason_and_its_open_issue()
    {
        var page = await Json("consumers", "show", "c-zinc");

        Assert.That(page.GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(page.GetProperty("disabled_reasons")[0].GetString(), Does.Contain("lightspeed").And.Contain("reconnect"));
        var issue = page.GetProperty("issues")[0];
        Assert.That((issue.GetProperty("code").GetString(), issue.GetProperty("status").GetString()), Is.EqualTo(("POS_AUTH", "open")));
    }

    [Test]
    public async Task The_readable_page_prints_sections_support_can_scan()
    {
        var result = await Possync.RunAsync("consumers", "show", "c-zinc", "--data", _folder);

        Assert.That(
            result.Output,
            Does.Contain(
                "Sync: NOT enabled, because:").And.Contain("POS_AUTH").And.Contain("Recent requests:").And.Contain("\"consumer_id\": \"c-zinc\""));
    }

    private static async Task<(Dictionary<string, string> Verdicts, string Next)> Diagnose(string consumer, string day, string? location = null)
    {
        var args = new List<string> { "diagnose", consumer, "--day", day };
        if (location is not null) args.AddRange(["--location", location]);
        var report = await Json([.. args]);
        var verdicts = report.GetProperty("checks").EnumerateArray()
            .GroupBy(c => c.GetProperty("name").GetString()!)
            .ToDictionary(
                g => g.Key,
                g => string.Join(" | ", g.Select(c => $"{c.GetProperty("verdict").GetString()}: {c.GetProperty("evidence").GetString()}")));
        return (verdicts, report.GetProperty("next").GetString()!);
    }

    [Test]
    public async Task Diagnose_a_booked_day_gives_its_entry_and_accounting_id()
    {
        var (verdicts, next) = await Diagnose("c-brasserie", "2025-03-10", "1001");

        Assert.That(verdicts["Booked"], Does.StartWith("ok: entry POS-1001-20250310, accounting id "));
        Assert.That(next, Does.StartWith("Nothing to do: the day is booked as POS-1001-20250310"));
    }

    [Test]
    public async Task Diagnose_a_day_still_open_in_the_POS()
    {
        var (verdicts, next) = await Diagnose("c-brasserie", "2025-03-16", "1002");

        Assert.That(verdicts["Day closed in the POS"], Does.StartWith("problem:").And.Contain("DAY_OPEN"));
        Assert.That(next, Does.Contain("close the day in the POS"));
    }

    [Test]
    public async Task Diagnose_a_sum_mismatch_names_the_gap_the_tolerance_and_the_order_with_its_hint()
    {
        var (verdicts, next) = await Diagnose("c-brasserie", "2025-03-13", "1001");

        Assert.That(
            verdicts["Sum of all lines"],
            Does.Contain("gap +80.00 against the tolerance 50.00 in force at this run").And.Contain("possible unrecorded tip"));
        Assert.That(verdicts["Tolerance"], Does.StartWith("warning:").And.Contain("advise lowering it"));
        Assert.That(next, Does.Contain("possync retry c-brasserie --from 2025-03-13 --to 2025-03-13"));
    }

    [Test]
    public async Task Diagnose_a_sum_mismatch_names_one_sales_figure_for_the_day()
    {
        var (verdicts, _) = await Diagnose("c-brasserie", "2025-03-13", "1001");
        var readable = await Possync.RunAsync("diagnose", "c-brasserie", "--day", "2025-03-13", "--location", "1001", "--data", _folder);

        Assert.That(
            verdicts["Sum of all lines"],
            Does.StartWith("problem: sales 2,396.80 (VAT included) and tips 12.00 against payments 2,488.80 (tips included)"));
        Assert.That(verdicts["Tolerance"], Does.Contain("the day's sales 2,396.80 (VAT included, tips excluded)"));
        Assert.That(readable.Output, Does.Not.Contain("2,408.80"), "the balance check's sales-and-tips sum is never shown as the sales");
    }

    [Test]
    public async Task Diagnose_a_refused_token_names_the_tool_and_says_to_reconnect()
    {
        var (verdicts, next) = await Diagnose("c-zinc", "2025-03-16");

        Assert.That(verdicts["POS connected"], Does.StartWith("problem: lightspeed refused PosSync's credentials since"));
        Assert.That(verdicts["Credentials"], Does.Contain("ask the client to reconnect lightspeed"));
        Assert.That(next, Does.StartWith(
            "Ask the client to reconnect lightspeed: possync connect c-zinc --role pos (send the client the address it prints; "
            + "Lightspeed needs the scope financial-api, granted by a user who can see every " +
                "location of the business").And.Contain("then: possync retry c-zinc"));
    }

    [Test]
    public async Task Diagnose_a_day_before_the_start_date()
    {
        var (verdicts, next) = await Diagnose("c-boulangerie", "2025-03-10");

        Assert.That(
            verdicts["Day in the date range"],
            Is.EqualTo("info: 2025-03-10 is before the start date 2025-03-12: the sync books days from 2025-03-12 on"));
        Assert.That(
            next,
            Does.StartWith("Nothing to do: the sync starts on 2025-03-12, so 2025-03-10 is not booked.").And.Contain("--force-before-start"));
        Assert.That(verdicts.Values, Has.None.StartWith("problem:"));
    }

    [Test]
    public async Task Diagnose_a_disabled_consumer_says_so_first()
    {
        var (verdicts, _) = await Diagnose("c-zinc", "2025-03-17");

        Assert.That(verdicts["POS connected"], Does.StartWith("problem:"));
        Assert.That(verdicts["Executed"], Does.Contain("never ran"));
    }

    [Test]
    public async Task Executions_are_listed_by_status_and_one_shows_every_event_and_request_in_order()
    {
        var failed = await Json("executions", "list", "c-brasserie", "--status", "error");
        var id = failed.EnumerateArray().Single(e => e.GetProperty("error_code").GetString() == "POS_UNAVAILABLE")
            .GetProperty("execution_id").GetString()!;

        var shown = await Json("executions", "show", id);

        Assert.That(failed.EnumerateArray().Select(e => e.GetProperty("status").GetString()), Is.All.EqualTo("error"));
        var salesDaily = shown.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("operation").GetString() == "daily-financials");
        Assert.That(salesDaily.Select(r => r.GetProperty("status_code").GetInt32()), Is.EqualTo(new[] { 503, 503, 503 }));
        Assert.That(shown.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("stage").GetString()), Is.All.EqualTo("ingest"));
        var range = await Json("executions", "list", "c-brasserie", "--from", "2025-03-12", "--to", "2025-03-12");
        Assert.That(range.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task The_transaction_table_filters_by_status_code_and_execution()
    {
        var unavailable = await Json("requests", "c-brasserie", "--status-code", "503");
        var execution = unavailable[0].GetProperty("execution_id").GetString()!;
        var ofExecution = await Json("requests", "c-brasserie", "--execution", execution);

        Assert.That(unavailable.GetArrayLength(), Is.EqualTo(3), "one try and two retries");
        Assert.That(ofExecution.EnumerateArray().Select(r => r.GetProperty("execution_id").GetString()), Is.All.EqualTo(execution));
        Assert.That(ofExecution.EnumerateArray().Count(r => r.GetProperty("status_code").GetInt32() == 503), Is.EqualTo(3));
    }

    [TestCase("executions list c-nobody", "No consumer c-nobody")]
    [TestCase("diagnose c-brasserie --day 14/03/2025", "--day must be a date as yyyy-MM-dd")]
    [TestCase("executions show not-a-guid", "is not an execution id")]
    [TestCase("executions list c-brasserie --status fine", "--status must be one of")]
    [TestCase("retry c-brasserie", "Say which days to retry")]
    [TestCase("reimport c-boulangerie --from 2025-03-01 --to 2025-03-02", "before the start date 2025-03-12; add --force-before-start")]
    [TestCase("reimport c-zinc --from 2025-03-16 --to 2025-03-16", "is not enabled")]
    [TestCase(
        "export orders c-brasserie --day 2025-03-13 --location 1001 --out /no-such-folder/day.csv",
        "--out: the folder /no-such-folder does not exist")]
    [TestCase("export orders c-brasserie --day 2024-03-13 --location 1001 --out day.csv", "was never fetched from the POS")]
    public async Task Bad_arguments_exit_1_with_a_clear_message(string command, string expected)
    {
        var result = await Possync.RunAsync([.. command.Split(' '), "--data", _folder]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain(expected));
        Assert.That(result.Errors, Does.Not.Contain("   at "));
    }
}
