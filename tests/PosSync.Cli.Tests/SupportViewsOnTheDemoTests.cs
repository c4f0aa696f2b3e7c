using System.Globalization;
using Dapper;
using PosSync.Cli.Demo;
using PosSync.Storage;
using PosSync.Testing.Sql;

namespace PosSync.Cli.Tests;

/// <summary>
/// The support views Grafana reads, on the SQLite file the demo's week leaves: every view answers,
/// and the demo's consumers read as the support guide asks for them — which consumer, connected and
/// since when, enabled or why not, the configuration, each business day booked or why not, the
/// mismatch with the order that explains it, the runs and their requests.
/// </summary>
public class SupportViewsOnTheDemoTests
{
    private static string _folder = null!;
    private static Database _database = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoWeek()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-views-demo-" + Guid.NewGuid().ToString("N"));
        var report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), TextWriter.Null, CancellationToken.None);
        Assert.That(report.ExitCode, Is.Zero);
        _database = Database.SqliteFile(_folder);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<List<dynamic>> Read(string sql, object? parameters = null)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync(sql, parameters)).ToList();
    }

    private static IEnumerable<TestCaseData> Views() =>
        SqlServerMigrations.Read().Views.Values.Select(
            v => new TestCaseData(v.BaseName, v.Columns).SetName($"After the demo, {v.BaseName} answers with its columns"));

    [TestCaseSource(nameof(Views))]
    public async Task Every_view_answers(string view, IReadOnlyList<string> columns)
    {
        var rows = await Read($"SELECT {string.Join(", ", columns.Select(c => $"[{c}]"))} FROM {view}");

        // The demo changes no configuration after applying it; every other view has the week's rows.
        if (view != "v_configuration_history") Assert.That(rows, Is.Not.Empty);
    }

    [Test]
    public async Task Every_consumer_is_listed_with_its_sync_name_email_and_enabled_state()
    {
        var rows = await Read("SELECT consumer_id, sync_name, created_by_email, sync_state FROM v_consumers ORDER BY consumer_id");

        Assert.That(rows.Select(r => ((string)r.consumer_id, (string)r.sync_state)),
            Is.EqualTo(new[] { ("c-boulangerie", "enabled"), ("c-brasserie", "enabled"), ("c-sohoarms", "enabled"), ("c-zinc", "not enabled") }));
        Assert.That(rows.Select(r => (string)r.created_by_email), Has.Some.Contains("martin@boulangerie"));
    }

    [Test]
    public async Task A_refused_POS_reads_needs_reconnect_since_the_refusal_with_the_reason_and_the_open_issue()
    {
        var connection = (await Read("SELECT * FROM v_connections WHERE consumer_id = 'c-zinc' AND role = 'pos'")).Single();
        var reasons = await Read("SELECT reason_code FROM v_enablement WHERE consumer_id = 'c-zinc' ORDER BY reason_position");
        var issue = (await Read("SELECT code, first_seen FROM v_issues WHERE consumer_id = 'c-zinc' AND status = 'open'")).Single();

        Assert.That(((string)connection.connector, (string)connection.status, (string)connection.reconnect),
            Is.EqualTo(("lightspeed", "needs_reconnect", "possync connect c-zinc --role pos")));
        Assert.That(
            Time((string)connection.status_since),
            Is.GreaterThanOrEqualTo(Time((string)issue.first_seen)),
            "recorded when PosSync saw the refusal");
        Assert.That(reasons.Select(r => (string)r.reason_code), Does.Contain("POS_NEEDS_RECONNECT"));
        Assert.That((string)issue.code, Is.EqualTo("POS_AUTH"));
    }

    [Test]
    public async Task The_configuration_reads_with_journal_start_date_tolerance_and_complete_mappings()
    {
        var row = (await Read("SELECT * FROM v_configuration WHERE consumer_id = 'c-brasserie'")).Single();
        var locations = await Read("SELECT location_id FROM v_locations WHERE consumer_id = 'c-brasserie' ORDER BY location_id");

        Assert.That(
            ((string)row.journal, Convert.ToDecimal((object)row.tolerance, CultureInfo.InvariantCulture), (long)row.mappings_complete),
            Is.EqualTo(("CA", 50m, 1L)));
        Assert.That(locations.Select(l => (string)l.location_id), Is.EqualTo(new[] { "1001", "1002" }));
    }

    [TestCase("c-brasserie", "1001", "2025-03-10", "booked", null, TestName = "A booked day reads booked")]
    [TestCase("c-brasserie", "1001", "2025-03-13", "not booked", "error", TestName = "A mismatched day reads not booked: error")]
    [TestCase("c-brasserie", "1002", "2025-03-11", "not booked", "error", TestName = "A day the POS never answered reads not booked: error")]
    [TestCase("c-brasserie", "1002", "2025-03-16", "not booked", "still open", TestName = "A day still open in the POS reads not booked: still open")]
    [TestCase(
        "c-boulangerie", null, "2025-03-10", "not booked", "before start date",
        TestName = "A day before the start date reads not booked: before start date")]
    public async Task Business_days_read_booked_or_why_not(string consumer, string? location, string day, string state, string? reason)
    {
        var rows = await Read(
            "SELECT ledger_state, not_booked_reason, entry_number FROM v_days WHERE consumer_id = @consumer AND (@location IS NULL " +
                "OR location_id = @location) AND business_date = @day",
            new { consumer, location, day });

        Assert.That(rows.Select(r => ((string)r.ledger_state, (string?)r.not_booked_reason)).Distinct(), Is.EqualTo(new[] { (state, reason) }));
        if (state == "booked") Assert.That((string)rows[0].entry_number, Is.EqualTo("POS-1001-20250310"));
    }

    [Test]
    public async Task The_mismatched_day_reads_with_its_gap_the_tolerance_it_was_judged_with_and_the_order_with_its_hint()
    {
        var mismatch = (
            await Read("SELECT gap, tolerance FROM v_mismatches WHERE consumer_id = 'c-brasserie' AND business_date = '2025-03-13'")).Single();
        var hints = await Read("SELECT hints FROM v_mismatch_orders WHERE consumer_id = 'c-brasserie' AND business_date = '2025-03-13'");
        var judged = (
            await Read(
                "SELECT tolerance FROM v_executions WHERE consumer_id = 'c-brasserie' AND location_id = '1001' AND " +
                    "business_date = '2025-03-13'")).Single();

        Assert.That(
            (
                Convert.ToDecimal((object)mismatch.gap, CultureInfo.InvariantCulture),
                Convert.ToDecimal((object)mismatch.tolerance, CultureInfo.InvariantCulture)),
            Is.EqualTo((80m, 50m)));
        Assert.That(hints.Select(h => (string)h.hints), Has.Some.Contains("possible unrecorded tip"));
        Assert.That(
            Convert.ToDecimal((object)judged.tolerance, CultureInfo.InvariantCulture),
            Is.EqualTo(50m),
            "the run says which tolerance it was judged with");
    }

    [Test]
    public async Task A_failed_run_reads_with_its_duration_events_in_order_and_its_requests()
    {
        var run = (
            await Read(
                "SELECT execution_id, duration_ms FROM v_executions WHERE consumer_id = 'c-brasserie' AND error_code = 'POS_UNAVAILABLE'")).Single();
        var events = await Read(
            "SELECT event_id, stage FROM v_execution_events WHERE execution_id = @id ORDER BY event_id",
            new { id = (string)run.execution_id });
        var requests = await Read(
            "SELECT status_code, url FROM v_requests WHERE execution_id = @id AND status_code = 503",
            new { id = (string)run.execution_id });

        Assert.That((long)run.duration_ms, Is.GreaterThanOrEqualTo(0));
        Assert.That(events.Select(e => (string)e.stage), Is.Not.Empty.And.All.EqualTo("ingest"));
        Assert.That(requests, Has.Count.EqualTo(3), "one try and two retries");
    }

    private static DateTime Time(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture);
}
