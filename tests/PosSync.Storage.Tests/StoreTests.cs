using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Storage.Tests;

/// <summary>
/// The store suite: always on a real SQLite file, and on SQL Server too when
/// POSSYNC_TEST_SQLSERVER holds a connection string.
/// </summary>
[TestFixture(StorageEngine.Sqlite)]
[TestFixture(StorageEngine.SqlServer)]
public class StoreTests(StorageEngine engine)
{
    private Database _database = null!;
    private string? _folder;
    private string _consumer = null!;
    private static readonly TimeProvider Clock = TimeProvider.System;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        if (engine == StorageEngine.SqlServer)
        {
            var connectionString = Environment.GetEnvironmentVariable("POSSYNC_TEST_SQLSERVER");
            if (string.IsNullOrWhiteSpace(connectionString))
                Assert.Ignore("set POSSYNC_TEST_SQLSERVER to a connection string to run the store suite on SQL Server");
            _database = Database.SqlServer(connectionString);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "possync-store-" + Guid.NewGuid().ToString("N"));
            _database = Database.SqliteFile(_folder);
        }
        await MigrationRunner.ApplyAsync(_database, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public void NewConsumerId() => _consumer = "c-" + Guid.NewGuid().ToString("N")[..12];

    private ConsumerConfiguration Config(string name = "Brasserie Centrale", string email = "owner@brasserie.example") =>
        ReferenceConfiguration.Load(c =>
        {
            c["consumer_id"] = _consumer;
            c["name"] = name;
            c["created_by_email"] = email;
        });

    private DayRun Run(string date = "2025-03-14", Guid? id = null) => new()
    {
        ExecutionId = id ?? Guid.NewGuid(), ConsumerId = _consumer, LocationId = "loc-1", BusinessDate = DateOnly.Parse(date),
    };

    [Test]
    public async Task Applying_the_migrations_again_changes_nothing()
    {
        var applied = await MigrationRunner.ApplyAsync(_database, CancellationToken.None);

        Assert.That(applied, Is.Empty);
    }

    [Test]
    public async Task A_configuration_saved_with_its_changes_records_them_oldest_first_with_who_and_which_file()
    {
        var store = new ConsumerStore(_database, Clock);
        var history = new ConfigurationHistory(_database);
        var lowered = Config() with { Settings = Config().Settings with { Tolerance = 5.00m } };
        await store.SaveAsync(
            Config(),
            new ConfigurationChangeSet("marie", "/srv/brasserie.json", ConfigurationDiff.Between(null, Config())),
            CancellationToken.None);
        await store.SaveAsync(
            lowered,
            new ConfigurationChangeSet("ticket 42", "api", ConfigurationDiff.Between(Config(), lowered)),
            CancellationToken.None);

        var changes = await history.ListAsync(_consumer, CancellationToken.None);

        Assert.That(changes.Select(c => (c.Field, c.OldValue, c.NewValue, c.ChangedBy, c.Source)), Is.EqualTo(new[]
        {
            ("consumer", (string?)null, (string?)"created", "marie", "/srv/brasserie.json"),
            ("settings.tolerance", "50.00", "5.00", "ticket 42", "api"),
        }));
        Assert.That(changes.Select(c => c.ChangedAt), Is.All.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That((await store.GetAsync(_consumer, CancellationToken.None))!.Settings.Tolerance, Is.EqualTo(5.00m), "saved with its history");
    }

    [Test]
    public async Task An_apply_that_changes_nothing_records_nothing_in_the_history()
    {
        var store = new ConsumerStore(_database, Clock);
        await store.SaveAsync(
            Config(),
            new ConfigurationChangeSet("marie", "a.json", ConfigurationDiff.Between(null, Config())),
            CancellationToken.None);
        await store.SaveAsync(
            Config(),
            new ConfigurationChangeSet("marie", "a.json", ConfigurationDiff.Between(Config(), Config())),
            CancellationToken.None);

        var changes = await new ConfigurationHistory(_database).ListAsync(_consumer, CancellationToken.None);

        Assert.That(changes.Select(c => c.Field), Is.EqualTo(new[] { "consumer" }));
    }

    [Test]
    public async Task A_run_reads_back_with_the_settings_it_was_judged_with()
    {
        var log = new ExecutionLog(_database, Clock);
        var run = Run();
        await log.StartAsync(run, "reconcile", null, CancellationToken.None);
        var before = await log.GetAsync(run.ExecutionId, CancellationToken.None);

        await log.RecordSettingsAsync(run.ExecutionId, 5.00m, 0.05m, "net", CancellationToken.None);

        var judged = await log.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((before!.Tolerance, before.RoundingThreshold, before.BookingMode), Is.EqualTo(((decimal?)null, (decimal?)null, (string?)null)));
        Assert.That((judged!.Tolerance, judged.RoundingThreshold, judged.BookingMode), Is.EqualTo(((decimal?)5.00m, (decimal?)0.05m, "net")));
    }

    [Test]
    public async Task A_saved_consumer_reads_back_with_its_whole_configuration()
    {
        var store = new ConsumerStore(_database, Clock);
        await store.SaveAsync(Config(), CancellationToken.None);

        var read = await store.GetAsync(_consumer, CancellationToken.None);

        Assert.That(ConsumerConfigurationWriter.Write(read!), Is.EqualTo(ConsumerConfigurationWriter.Write(Config())));
    }

    [Test]
    public async Task Saving_again_updates_the_consumer_in_place()
    {
        var store = new ConsumerStore(_database, Clock);
        await store.SaveAsync(Config(), CancellationToken.None);
        await store.SaveAsync(Config(name: "Brasserie du Port"), CancellationToken.None);

        Assert.That((await store.GetAsync(_consumer, CancellationToken.None))!.Name, Is.EqualTo("Brasserie du Port"));
    }

    [Test]
    public async Task Support_finds_a_consumer_by_part_of_its_name_or_creator_email_whatever_the_case()
    {
        var store = new ConsumerStore(_database, Clock);
        var unique = Guid.NewGuid().ToString("N")[..8];
        await store.SaveAsync(Config(name: $"Le Zinc {unique}", email: $"Marie.{unique}@Zinc.example"), CancellationToken.None);

        var byName = await store.FindAsync($"zinc {unique.ToUpperInvariant()}", CancellationToken.None);
        var byEmail = await store.FindAsync($"marie.{unique}@", CancellationToken.None);
        var wildcard = await store.FindAsync("%", CancellationToken.None);

        Assert.That(byName.Select(c => c.ConsumerId), Is.EqualTo(new[] { _consumer }));
        Assert.That(byEmail.Select(c => c.ConsumerId), Is.EqualTo(new[] { _consumer }));
        Assert.That(wildcard.Select(c => c.ConsumerId), Does.Not.Contain(_consumer), "a % typed by support is a character, not a wildcard");
    }

    [Test]
    public async Task Support_finds_a_consumer_whatever_the_accents_on_either_side()
    {
        var store = new ConsumerStore(_database, Clock);
        var unique = Guid.NewGuid().ToString("N")[..8];
        await store.SaveAsync(Config(name: $"Café Le Zinc {unique}", email: $"hélène.{unique}@zinc.example"), CancellationToken.None);

        foreach (var text in new[] { $"cafe le zinc {unique}", $"CAFÉ LE ZINC {unique}", $"helene.{unique}", $"HÉLÈNE.{unique}", $"hèlene.{unique}" })
            Assert.That((await store.FindAsync(text, CancellationToken.None)).Select(c => c.ConsumerId), Is.EqualTo(new[] { _consumer }), text);
    }

    [Test]
    public async Task A_connection_refused_by_the_vendor_is_flagged_needs_reconnect()
    {
        var store = new ConsumerStore(_database, Clock);
        await store.SaveAsync(Config(), CancellationToken.None);

        await store.SetConnectionStatusAsync(_consumer, ConnectorRole.Pos, ConnectionStatus.NeedsReconnect, CancellationToken.None);

        var read = await store.GetAsync(_consumer, CancellationToken.None);
        Assert.That(read!.Pos!.Status, Is.EqualTo(ConnectionStatus.NeedsReconnect));
        Assert.That(read.Accounting!.Status, Is.EqualTo(ConnectionStatus.Active));
    }

    [Test]
    public async Task A_day_claimed_by_one_delivery_cannot_be_claimed_by_another_until_released()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));

        var first = await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-1", DayLedger.DefaultLease, CancellationToken.None);
        var second = await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-2", DayLedger.DefaultLease, CancellationToken.None);
        var again = await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-1", DayLedger.DefaultLease, CancellationToken.None);
        await ledger.ReleaseAsync(key, "delivery-1", CancellationToken.None);
        var afterRelease = await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-2", DayLedger.DefaultLease, CancellationToken.None);

        Assert.That(first!.Status, Is.EqualTo(LedgerDay.Unbooked));
        Assert.That(second, Is.Null);
        Assert.That(again, Is.Not.Null, "the holder may come back (a retry of the same message)");
        Assert.That(afterRelease, Is.Not.Null);
    }

    [Test]
    public async Task An_expired_claim_can_be_taken_over()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));

        await ledger.TryClaimAsync(key, Guid.NewGuid(), "crashed-worker", TimeSpan.FromMilliseconds(-1), CancellationToken.None);
        var taken = await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-2", DayLedger.DefaultLease, CancellationToken.None);

        Assert.That(taken, Is.Not.Null);
    }

    [Test]
    public async Task Of_twenty_concurrent_claims_exactly_one_wins()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => ledger.TryClaimAsync(key, Guid.NewGuid(), $"delivery-{i}", DayLedger.DefaultLease, CancellationToken.None))));

        Assert.That(claims.Count(c => c is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task A_booked_day_keeps_its_entry_accounting_id_and_fingerprint_and_is_never_downgraded()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));
        var execution = Guid.NewGuid();
        await ledger.TryClaimAsync(key, execution, "delivery-1", DayLedger.DefaultLease, CancellationToken.None);

        var marked = await ledger.MarkBookedAsync(
            key, "delivery-1", execution, "POS-loc-1-20250314", "je-9001", new string('a', 64), 0,
            CancellationToken.None);
        await ledger.MarkNothingToBookAsync(key, Guid.NewGuid(), CancellationToken.None);

        var day = await ledger.GetAsync(key, CancellationToken.None);
        Assert.That(marked, Is.True);
        Assert.That(day!.IsBooked, Is.True);
        Assert.That(day.AccountingId, Is.EqualTo("je-9001"));
        Assert.That(day.ExecutionId, Is.EqualTo(execution));
        Assert.That(day.ClaimOwner, Is.Null, "booking releases the claim");
        Assert.That(
            (await ledger.InRangeAsync(_consumer, key.BusinessDate, key.BusinessDate, CancellationToken.None)).Single().EntryNumber,
            Is.EqualTo("POS-loc-1-20250314"));
    }

    [Test]
    public async Task A_removed_entry_leaves_the_day_unbooked_with_the_revision_its_replacement_takes()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));
        await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-1", DayLedger.DefaultLease, CancellationToken.None);
        await ledger.MarkBookedAsync(
            key, "delivery-1", Guid.NewGuid(), "POS-loc-1-20250314", "je-9001", new string('a', 64), 0,
            CancellationToken.None);
        var reimport = Guid.NewGuid();
        await ledger.TryClaimAsync(key, reimport, "delivery-2", DayLedger.DefaultLease, CancellationToken.None);

        var byOther = await ledger.MarkRemovedAsync(key, "delivery-3", reimport, 1, CancellationToken.None);
        var removed = await ledger.MarkRemovedAsync(key, "delivery-2", reimport, 1, CancellationToken.None);

        var day = await ledger.GetAsync(key, CancellationToken.None);
        Assert.That((byOther, removed), Is.EqualTo((false, true)), "only the claim holder removes");
        Assert.That(
            (day!.Status, day.AccountingId, day.Fingerprint, day.Revision),
            Is.EqualTo((LedgerDay.Unbooked, (string?)null, (string?)null, 1)));
        Assert.That(day.ClaimOwner, Is.EqualTo("delivery-2"), "the holder keeps the claim to book the replacement");
    }

    [Test]
    public async Task Only_the_claim_holder_can_mark_a_day_booked()
    {
        var ledger = new DayLedger(_database, Clock);
        var key = new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 14));
        await ledger.TryClaimAsync(key, Guid.NewGuid(), "delivery-1", DayLedger.DefaultLease, CancellationToken.None);

        var marked = await ledger.MarkBookedAsync(
            key, "delivery-2", Guid.NewGuid(), "POS-loc-1-20250314", "je-1", new string('b', 64), 0,
            CancellationToken.None);

        Assert.That(marked, Is.False);
    }

    [Test]
    public async Task An_execution_is_created_once_and_its_first_ending_wins()
    {
        var log = new ExecutionLog(_database, Clock);
        var run = Run();

        var created = await log.StartAsync(run, Stage.Ingest, "0af7651916cd43dd8448eb211c80319c", CancellationToken.None);
        var duplicate = await log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        await log.SetStageAsync(run.ExecutionId, Stage.Export, CancellationToken.None);
        var finished = await log.FinishAsync(
            run.ExecutionId,
            new ExecutionOutcome(ExecutionStatus.Success, Stage.Export, EntryNumber: "POS-loc-1-20250314"),
            CancellationToken.None);
        var late = await log.FinishAsync(
            run.ExecutionId,
            new ExecutionOutcome(ExecutionStatus.Error, Stage.Export, "LATE", "late fault"),
            CancellationToken.None);

        var record = await log.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((created, duplicate, finished, late), Is.EqualTo((true, false, true, false)));
        Assert.That(record!.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(record.Stage, Is.EqualTo(Stage.Export));
        Assert.That(record.EntryNumber, Is.EqualTo("POS-loc-1-20250314"));
        Assert.That(record.TraceId, Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
        Assert.That(record.BusinessDate, Is.EqualTo(new DateOnly(2025, 3, 14)));
        Assert.That(record.StartedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(record.FinishedAt, Is.Not.Null);
    }

    [Test]
    public async Task Events_come_back_in_the_order_they_happened_with_their_details()
    {
        var log = new ExecutionLog(_database, Clock);
        var run = Run();
        await log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);

        await log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, "fetched 2 orders", "{\"orders\":2}", CancellationToken.None);
        await log.AddEventAsync(
            run.ExecutionId, Stage.Reconcile, EventLevel.Warning, "DIFFERENCE_BOOKED", "difference", null,
            CancellationToken.None);
        await log.AddEventAsync(run.ExecutionId, Stage.Export, EventLevel.Info, null, new string('x', 5000), null, CancellationToken.None);

        var events = await log.EventsAsync(run.ExecutionId, CancellationToken.None);
        Assert.That(events.Select(e => e.Stage), Is.EqualTo(new[] { Stage.Ingest, Stage.Reconcile, Stage.Export }));
        Assert.That(events[0].DetailsJson, Is.EqualTo("{\"orders\":2}"));
        Assert.That(events[1].Code, Is.EqualTo("DIFFERENCE_BOOKED"));
        Assert.That(events[2].Message, Has.Length.EqualTo(4000), "long messages are cut to fit, not refused");
    }

    [Test]
    public async Task Executions_are_listed_newest_first_and_filtered_by_status_and_dates()
    {
        var log = new ExecutionLog(_database, Clock);
        foreach (var date in new[] { "2025-03-10", "2025-03-11", "2025-03-12" })
        {
            var run = Run(date);
            await log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
            await log.FinishAsync(
                run.ExecutionId,
                new ExecutionOutcome(date == "2025-03-11" ? ExecutionStatus.Error : ExecutionStatus.Success, Stage.Export),
                CancellationToken.None);
        }

        var all = await log.ListAsync(_consumer, null, null, null, 50, CancellationToken.None);
        var failed = await log.ListAsync(_consumer, ExecutionStatus.Error, null, null, 50, CancellationToken.None);
        var range = await log.ListAsync(_consumer, null, new DateOnly(2025, 3, 11), new DateOnly(2025, 3, 12), 50, CancellationToken.None);
        var ofDay = await log.OfDayAsync(new DayKey(_consumer, "loc-1", new DateOnly(2025, 3, 12)), CancellationToken.None);

        Assert.That(all.Select(e => e.BusinessDate.Day), Is.EqualTo(new[] { 12, 11, 10 }));
        Assert.That(failed.Single().BusinessDate.Day, Is.EqualTo(11));
        Assert.That(range.Select(e => e.BusinessDate.Day), Is.EqualTo(new[] { 12, 11 }));
        Assert.That(ofDay.Single().BusinessDate.Day, Is.EqualTo(12));
    }

    [Test]
    public async Task Requests_are_listed_per_consumer_and_filtered_by_status_code_and_execution()
    {
        var requests = new RequestLog(_database);
        var execution = Guid.NewGuid();
        foreach (var code in new[] { 200, 401, 200 })
        {
            await requests.AddAsync(new RequestRecord
            {
                ConsumerId = _consumer, ExecutionId = code == 401 ? execution : null, Connector = "lightspeed", Operation = "sales-daily",
                Method = "GET", Url = "https://api.example/f/v2/business-location/1/sales-daily?date=2025-03-14", StatusCode = code,
                DurationMs = 12, At = DateTime.UtcNow,
            }, CancellationToken.None);
        }

        var all = await requests.ListAsync(_consumer, null, null, 50, CancellationToken.None);
        var refused = await requests.ListAsync(_consumer, 401, null, 50, CancellationToken.None);
        var ofExecution = await requests.ListAsync(_consumer, null, execution, 50, CancellationToken.None);

        Assert.That(all, Has.Count.EqualTo(3));
        Assert.That(refused.Single().StatusCode, Is.EqualTo(401));
        Assert.That(ofExecution.Single().ExecutionId, Is.EqualTo(execution));
    }

    [Test]
    public async Task Rotating_credentials_succeeds_once_per_version_so_two_refreshes_never_both_win()
    {
        var store = new ConnectionStore(_database, new SecretProtector(SecretProtector.NewKey()), Clock);
        await store.SaveAsync(
            _consumer, ConnectionStore.Pos, "lightspeed", "access-1", "refresh-1", DateTime.UtcNow.AddHours(1),
            "financial-api", CancellationToken.None);
        var read = await store.GetAsync(_consumer, ConnectionStore.Pos, CancellationToken.None);

        var first = await store.RotateAsync(read!, "access-2", "refresh-2", DateTime.UtcNow.AddHours(1), null, CancellationToken.None);
        var second = await store.RotateAsync(read!, "access-3", "refresh-3", DateTime.UtcNow.AddHours(1), null, CancellationToken.None);

        var now = await store.GetAsync(_consumer, ConnectionStore.Pos, CancellationToken.None);
        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That((now!.AccessToken, now.RefreshToken, now.Scope), Is.EqualTo(("access-2", "refresh-2", "financial-api")));
        Assert.That(now.ToString(), Does.Not.Contain("access-2").And.Not.Contain("refresh-2"), "credentials never print their secrets");
    }

    [Test]
    public async Task A_recurring_problem_is_one_open_issue_counting_occurrences_until_resolved()
    {
        var issues = new IssueStore(_database, Clock);

        await issues.OpenAsync(_consumer, "POS_AUTH", "token revoked", CancellationToken.None);
        await issues.OpenAsync(_consumer, "POS_AUTH", "token revoked again", CancellationToken.None);
        var open = await issues.ListAsync(_consumer, 10, CancellationToken.None);
        await issues.ResolveAsync(_consumer, "POS_AUTH", CancellationToken.None);
        await issues.OpenAsync(_consumer, "POS_AUTH", "revoked after the reconnect", CancellationToken.None);
        var after = await issues.ListAsync(_consumer, 10, CancellationToken.None);

        Assert.That(open.Single().Occurrences, Is.EqualTo(2));
        Assert.That(open.Single().Message, Is.EqualTo("token revoked again"));
        Assert.That(after.Select(i => (i.Status, i.Occurrences)), Is.EqualTo(new[] { ("open", 1), ("resolved", 2) }));
    }

    [Test]
    public async Task Credentials_are_stored_encrypted_and_only_the_right_key_reads_them()
    {
        var store = new ConnectionStore(_database, new SecretProtector(SecretProtector.NewKey()), Clock);
        var secret = "at-" + Guid.NewGuid().ToString("N");
        await store.SaveAsync(_consumer, ConnectionStore.Pos, "lightspeed", secret, "rt-" + secret, null, null, CancellationToken.None);

        await using var connection = await _database.OpenAsync(CancellationToken.None);
        var table = engine == StorageEngine.SqlServer ? "ops.connections" : "connections";
        var raw = await Dapper.SqlMapper.QuerySingleAsync<string>(connection,
            $"SELECT access_token FROM {table} WHERE consumer_id = @ConsumerId AND role = @Role",
            new { ConsumerId = _consumer, Role = ConnectionStore.Pos });
        var read = await store.GetAsync(_consumer, ConnectionStore.Pos, CancellationToken.None);
        var stranger = new ConnectionStore(_database, new SecretProtector(SecretProtector.NewKey()), Clock);

        Assert.That(raw, Does.StartWith("v1:").And.Not.Contain(secret));
        Assert.That(read!.AccessToken, Is.EqualTo(secret));
        var refused = Assert.ThrowsAsync<SecretsKeyMismatchException>(
            () => stranger.GetAsync(_consumer, ConnectionStore.Pos, CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain("Secrets:Key").And.Not.Contain(secret));
    }
}
