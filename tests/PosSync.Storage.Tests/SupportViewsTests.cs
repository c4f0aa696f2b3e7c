using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Testing.Sql;

namespace PosSync.Storage.Tests;

/// <summary>
/// The support views Grafana reads, on a real SQLite file and, when POSSYNC_TEST_SQLSERVER holds a
/// connection string, on SQL Server: each answers with exactly the columns the SQL Server migrations
/// declare, and a consumer recorded through the stores (a booked day, a mismatched day, a refused
/// POS, a missing mapping) reads back as support would ask for it.
/// </summary>
[TestFixture(StorageEngine.Sqlite)]
[TestFixture(StorageEngine.SqlServer)]
public class SupportViewsTests(StorageEngine engine)
{
    private static readonly SqlServerMigrations Declared = SqlServerMigrations.Read();
    private static readonly DateOnly Booked = new(2025, 3, 12), Mismatched = new(2025, 3, 13);
    private static readonly TimeProvider Clock = TimeProvider.System;

    private Database _database = null!;
    private string? _folder;
    private string _consumer = null!;
    private Guid _mismatchRun;

    [OneTimeSetUp]
    public async Task RecordOneConsumer()
    {
        if (engine == StorageEngine.SqlServer)
        {
            var connectionString = Environment.GetEnvironmentVariable("POSSYNC_TEST_SQLSERVER");
            if (string.IsNullOrWhiteSpace(connectionString))
                Assert.Ignore("set POSSYNC_TEST_SQLSERVER to a connection string to read the support views on SQL Server");
            _database = Database.SqlServer(connectionString);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "possync-views-" + Guid.NewGuid().ToString("N"));
            _database = Database.SqliteFile(_folder);
        }
        await MigrationRunner.ApplyAsync(_database, CancellationToken.None);
        _consumer = "c-" + Guid.NewGuid().ToString("N")[..12];
        _mismatchRun = await RecordAsync();
    }

    [OneTimeTearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Brasserie Centrale's week as the stages would record it; returns the mismatched run.</summary>
    private async Task<Guid> RecordAsync()
    {
        var cancel = CancellationToken.None;
        var config = ReferenceConfiguration.Load(c =>
        {
            c["consumer_id"] = _consumer;
            ((JsonObject)c["mappings"]!)["tips"] = null;
        });
        await new ConsumerStore(_database, Clock).SaveAsync(config, cancel);
        await new ConsumerStore(_database, Clock).SetConnectionStatusAsync(_consumer, ConnectorRole.Pos, ConnectionStatus.NeedsReconnect, cancel);
        await new IssueStore(_database, Clock).OpenAsync(_consumer, "POS_AUTH", "lightspeed refused the credentials", cancel);
        var enablement = new EnablementResult([
            new DisabledReason(EnablementCodes.PosNeedsReconnect, "the POS connection (lightspeed) was rejected by the vendor"),
            new DisabledReason(EnablementCodes.MappingMissing, "mappings.tips: no tips account"),
        ]);
        await new EnablementLog(_database, Clock).RecordAsync(_consumer, enablement,
            [
                new ConnectionStatusRecord("pos", "lightspeed", "needs_reconnect"),
                new ConnectionStatusRecord("accounting", "pennylane", "active")], cancel);

        var executions = new ExecutionLog(_database, Clock);
        var booked = Run(Booked);
        await executions.StartAsync(booked, Stage.Ingest, null, cancel);
        await executions.FinishAsync(
            booked.ExecutionId,
            new ExecutionOutcome(ExecutionStatus.Success, Stage.Export, null, "Booked.", "POS-loc-1-20250312"),
            cancel);
        var ledger = new DayLedger(_database, Clock);
        var bookedDay = new DayKey(_consumer, booked.LocationId, booked.BusinessDate);
        await ledger.TryClaimAsync(bookedDay, booked.ExecutionId, "test", DayLedger.DefaultLease, cancel);
        await ledger.MarkBookedAsync(bookedDay, "test", booked.ExecutionId, "POS-loc-1-20250312", "pl-42", new string('a', 64), 0, cancel);

        var mismatched = Run(Mismatched);
        await executions.StartAsync(mismatched, Stage.Ingest, null, cancel);
        await executions.AddEventAsync(mismatched.ExecutionId, Stage.Ingest, EventLevel.Info, null, "Fetched 12 orders.", null, cancel);
        var details = new JsonObject
        {
            ["sales"] = 2408.80m, ["payments"] = 2488.80m, ["cash_rounding"] = 0m, ["gap"] = 80.00m,
            ["tolerance"] = 50.0m, ["rounding_threshold"] = 0.05m,
            ["orders"] = new JsonArray(new JsonObject
            {
                ["id"] = "ord-17", ["order_number"] = "17", ["total"] = 42.50m, ["items_total"] = 42.50m, ["payments_total"] = 122.50m,
                ["tips"] = 0m, ["rounding"] = 0m, ["hints"] = new JsonArray("possible unrecorded tip"),
            }),
        };
        await executions.AddEventAsync(
            mismatched.ExecutionId,
            Stage.Reconcile,
            EventLevel.Error,
            "SUM_MISMATCH",
            "The sum of all lines does not match.",
            details.ToJsonString(),
            cancel);
        await executions.FinishAsync(
            mismatched.ExecutionId,
            new ExecutionOutcome(ExecutionStatus.Error, Stage.Reconcile, "SUM_MISMATCH", "The sum of all lines does not match."),
            cancel);
        await new RequestLog(_database).AddAsync(new RequestRecord
        {
            ConsumerId = _consumer, ExecutionId = mismatched.ExecutionId, Connector = "lightspeed", Operation = "day", Method = "GET",
            Url = "https://api.example/f/finance/1001/dailyFinancials?date=2025-03-13", StatusCode = 401,
            DurationMs = 12, Error = "401 Unauthorized", At = DateTime.UtcNow,
        }, cancel);
        return mismatched.ExecutionId;
    }

    private DayRun Run(DateOnly day) => new() { ExecutionId = Guid.NewGuid(), ConsumerId = _consumer, LocationId = "loc-1", BusinessDate = day };

    private string View(string name) => engine == StorageEngine.SqlServer ? $"ops.{name}" : name;

    private async Task<List<dynamic>> ReadAsync(string view, string where, object parameters)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync($"SELECT * FROM {View(view)} WHERE {where}", parameters)).ToList();
    }

    private static IEnumerable<TestCaseData> Views() =>
        Declared.Views.Values.Select(v => new TestCaseData(v.Name).SetName($"{{c}}: {v.Name} answers with the declared columns"));

    [TestCaseSource(nameof(Views))]
    public async Task Every_view_answers_with_the_columns_the_SQL_Server_migrations_declare(string name)
    {
        var view = Declared.Views[name];
        await using var connection = await _database.OpenAsync(CancellationToken.None);

        var columns = await ColumnsAsync(connection, view);
        var selected = await connection.QueryAsync($"SELECT {string.Join(", ", view.Columns.Select(c => $"[{c}]"))} FROM {View(view.BaseName)}");

        Assert.That(columns, Is.EqualTo(view.Columns), "the same columns, in the same order, on both engines");
        Assert.That(selected, Is.Not.Null);
    }

    private async Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection, ViewDefinition view) => engine == StorageEngine.SqlServer
        ? (await connection.QueryAsync<string>("SELECT name FROM sys.columns WHERE object_id = " +
            "OBJECT_ID(@Name) ORDER BY column_id", new { view.Name }))
            .ToList()
        : (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@Name) ORDER BY cid", new { Name = view.BaseName })).ToList();

    [Test]
    public async Task A_consumer_is_found_with_its_sync_name_email_and_enabled_state()
    {
        var row = (await ReadAsync("v_consumers", "consumer_id = @Consumer", new { Consumer = _consumer })).Single();

        Assert.That(
            ((string)row.sync_name, (string)row.created_by_email, (string)row.sync_state),
            Is.EqualTo(("Brasserie Centrale", "owner@brasserie.example", "not enabled")));
        Assert.That((string)row.enablement, Does.Contain("rejected by the vendor").And.Contain("mappings.tips"));
    }

    [Test]
    public async Task Connections_show_vendor_status_since_when_and_the_reconnect_command()
    {
        var rows = (await ReadAsync("v_connections", "consumer_id = @Consumer", new { Consumer = _consumer })).OrderBy(r => (string)r.role).ToList();

        Assert.That(rows.Select(r => ((string)r.role, (string)r.connector, (string)r.status)),
            Is.EqualTo(new[] { ("accounting", "pennylane", "active"), ("pos", "lightspeed", "needs_reconnect") }));
        Assert.That(rows.Select(r => (object?)r.status_since), Is.All.Not.Null);
        Assert.That((string)rows[1].reconnect, Is.EqualTo($"possync connect {_consumer} --role pos"));
        Assert.That((object?)rows[0].reconnect, Is.Null);
    }

    [Test]
    public async Task Enablement_lists_each_reason_in_order()
    {
        var rows = (await ReadAsync("v_enablement", "consumer_id = @Consumer", new { Consumer = _consumer }))
            .OrderBy(r => Number((object)r.reason_position))
            .ToList();

        Assert.That(rows.Select(r => (string)r.reason_code), Is.EqualTo(new[] { "POS_NEEDS_RECONNECT", "MAPPING_MISSING" }));
        Assert.That(rows.Select(r => (string)r.sync_state).Distinct(), Is.EqualTo(new[] { "Sync not enabled" }));
    }

    [Test]
    public async Task The_configuration_reads_as_support_reads_it_with_what_mapping_is_missing()
    {
        var row = (await ReadAsync("v_configuration", "consumer_id = @Consumer", new { Consumer = _consumer })).Single();

        Assert.That(((string)row.journal, Day((object)row.start_date), Amount((object)row.tolerance), Amount((object)row.rounding_threshold)),
            Is.EqualTo(("jrn-ca", "2025-03-01", 50m, 0.05m)));
        Assert.That(Number((object)row.mappings_complete), Is.Zero);
        Assert.That((string)row.mappings_missing, Is.EqualTo("mappings.tips: no tips account"));
    }

    [Test]
    public async Task Locations_carry_the_start_date_a_day_without_a_row_is_judged_by()
    {
        var rows = await ReadAsync("v_locations", "consumer_id = @Consumer", new { Consumer = _consumer });

        Assert.That(rows.Select(r => ((string)r.location_id, (string)r.location_name, Day((object)r.start_date))),
            Is.EquivalentTo(new[] { ("loc-1", "Centre", "2025-03-01"), ("loc-2", "Gare", "2025-03-01") }));
    }

    [Test]
    public async Task Days_say_booked_with_their_entry_or_why_not_with_the_latest_run()
    {
        var rows = (
            await ReadAsync(
                "v_days",
                "consumer_id = @Consumer",
                new { Consumer = _consumer })).ToDictionary(r => Day((object)r.business_date), r => r);

        Assert.That(((string)rows["2025-03-12"].ledger_state, (string)rows["2025-03-12"].entry_number), Is.EqualTo(("booked", "POS-loc-1-20250312")));
        Assert.That(
            ((string)rows["2025-03-13"].ledger_state, (string)rows["2025-03-13"].not_booked_reason, (string)rows["2025-03-13"].latest_error_code),
            Is.EqualTo(("not booked", "error", "SUM_MISMATCH")));
        Assert.That(Number((object)rows["2025-03-13"].runs), Is.EqualTo(1L));
    }

    [Test]
    public async Task A_mismatch_reads_with_its_gap_tolerance_and_the_orders_that_explain_it()
    {
        var mismatch = (await ReadAsync("v_mismatches", "consumer_id = @Consumer", new { Consumer = _consumer })).Single();
        var order = (await ReadAsync("v_mismatch_orders", "consumer_id = @Consumer", new { Consumer = _consumer })).Single();

        Assert.That((Amount((object)mismatch.gap), Amount((object)mismatch.tolerance), Day((object)mismatch.business_date)),
            Is.EqualTo((80m, 50m, "2025-03-13")));
        Assert.That(((string)order.order_id, Amount((object)order.payments_total), (string)order.hints),
            Is.EqualTo(("ord-17", 122.50m, "possible unrecorded tip")));
    }

    [Test]
    public async Task A_run_reads_with_its_duration_its_events_in_order_and_its_requests()
    {
        var run = (await ReadAsync("v_executions", "consumer_id = @Consumer AND status = 'error'", new { Consumer = _consumer })).Single();
        var events = (await ReadAsync("v_execution_events", "consumer_id = @Consumer", new { Consumer = _consumer }))
            .OrderBy(e => Number((object)e.event_id))
            .ToList();
        var requests = await ReadAsync("v_requests", "consumer_id = @Consumer", new { Consumer = _consumer });
        var issues = await ReadAsync("v_issues", "consumer_id = @Consumer AND status = 'open'", new { Consumer = _consumer });

        Assert.That(Number((object)run.duration_ms), Is.GreaterThanOrEqualTo(0));
        Assert.That(events.Select(e => (string?)e.code), Is.EqualTo(new[] { null, "SUM_MISMATCH" }));
        Assert.That(
            requests.Select(r => (Number((object)r.status_code), Guid.Parse((string)r.execution_id.ToString()))),
            Is.EqualTo(new[] { (401L, _mismatchRun) }));
        Assert.That(issues.Select(i => (string)i.code), Is.EqualTo(new[] { "POS_AUTH" }));
    }

    [Test]
    public async Task Enablement_is_written_only_when_it_changes()
    {
        var log = new EnablementLog(_database, Clock);
        var consumer = "c-" + Guid.NewGuid().ToString("N")[..12];
        var statuses = new[]
        {
            new ConnectionStatusRecord("pos", "lightspeed", "active"),
            new ConnectionStatusRecord("accounting", "pennylane", "active")
        };
        var enabled = new EnablementResult([]);

        var first = await log.RecordAsync(consumer, enabled, statuses, CancellationToken.None);
        var again = await log.RecordAsync(consumer, enabled, statuses, CancellationToken.None);
        var refused = await log.RecordAsync(consumer, new EnablementResult([new DisabledReason(EnablementCodes.PosNeedsReconnect, "refused")]),
            [statuses[0] with { Status = "needs_reconnect" }, statuses[1]], CancellationToken.None);

        Assert.That((first, again, refused), Is.EqualTo((true, false, true)));
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        var prefix = engine == StorageEngine.SqlServer ? "ops." : "";
        Assert.That(
            await connection.QuerySingleAsync<string>($"SELECT summary FROM {prefix}sync_enablement WHERE consumer_id = @consumer", new { consumer }),
            Is.EqualTo("refused"));
        Assert.That(
            await connection.QueryAsync<string>(
                $"SELECT status FROM {prefix}connection_statuses WHERE consumer_id = @consumer ORDER BY role",
                new { consumer }),
            Is.EqualTo(new[] { "active", "needs_reconnect" }));
    }

    private static decimal Amount(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    private static long Number(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>A business date as text: SQL Server hands back a date, SQLite the yyyy-MM-dd it keeps.</summary>
    private static string Day(object value) => value is DateTime date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : (string)value;
}
