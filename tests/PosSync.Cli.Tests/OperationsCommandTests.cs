using System.Globalization;
using System.Text.Json;
using PosSync.Cli.Output;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Sandbox;
using PosSync.Sandbox.Pennylane;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// The operator commands, run as processes the way a CronJob or an operator runs them, against a
/// real database and the vendor sandboxes on loopback. On the embedded default they run the days
/// they start in their own process.
/// </summary>
[CancelAfter(180_000)]
public class OperationsCommandTests
{
    private const string Consumer = "c-brasserie";
    private TestWorld _world = null!;
    private VendorWorld _vendors = null!;
    private Dictionary<string, string> _environment = null!;
    private DateOnly _last;

    [SetUp]
    public async Task Start()
    {
        _world = await TestWorld.CreateAsync();
        _vendors = await VendorWorld.StartAsync();
        var config = await _world.AddConsumerAsync(Consumer, c => VendorWorld.Configure(c));
        _last = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        await _world.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = _last.AddDays(-2) } }, CancellationToken.None);
        await _vendors.ConnectAsync(_world.Connections, Consumer);
        var options = _vendors.Options();
        _environment = new Dictionary<string, string>();
        foreach (var (name, vendor) in new[] { ("Lightspeed", options.Lightspeed), ("Pennylane", options.Pennylane) })
        {
            _environment[$"Vendors__{name}__BaseUrl"] = vendor.BaseUrl;
            _environment[$"Vendors__{name}__ClientId"] = vendor.ClientId!;
            _environment[$"Vendors__{name}__ClientSecret"] = vendor.ClientSecret!;
            _environment[$"Vendors__{name}__RedirectUri"] = vendor.RedirectUri!;
            _environment[$"Vendors__{name}__TimeoutSeconds"] = "2";
            _environment[$"Vendors__{name}__BackoffSeconds"] = "0.05";
        }
    }

    [TearDown]
    public async Task Stop()
    {
        await _vendors.DisposeAsync();
        _world.Dispose();
    }

    private string Date(int daysBeforeLast = 0) => _last.AddDays(-daysBeforeLast).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void SeedDays()
    {
        for (var i = 0; i <= 2; i++)
            foreach (var location in new[] { VendorWorld.Centre, VendorWorld.Gare })
                _vendors.AddDay(BookingScenarios.S01Day(Date(i), location));
    }

    private Task<JsonElement> Run(params string[] args) => Run(0, args);

    /// <summary>A run where some day ends in error: schedule, retry and reimport then exit 2.</summary>
    private Task<JsonElement> RunWithAFailedDay(params string[] args) => Run(2, args);

    private async Task<JsonElement> Run(int exitCode, string[] args)
    {
        var result = await Possync.RunAsync(TimeSpan.FromMinutes(2), _environment, null, [.. args, "--data", _world.Folder, "--json"]);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Output + result.Errors);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private IReadOnlyList<PennylaneEntry> Entries => _vendors.Sandbox.Pennylane.Entries(VendorWorld.Account);
    private int Posts => _vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Count(r => r.Method == "POST" && r.Path.Contains("ledger_entries"));

    [Test]
    public async Task Schedule_run_twice_in_a_row_starts_each_due_day_once()
    {
        SeedDays();

        var first = await Run("schedule", "--once");
        var second = await Run("schedule", "--once");

        Assert.That(first.GetProperty("days").GetArrayLength(), Is.EqualTo(6), "three closed days at two locations");
        Assert.That(first.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("why").GetString()), Is.All.EqualTo("never run"));
        Assert.That(second.GetProperty("days").GetArrayLength(), Is.Zero);
        Assert.That(Entries.Select(e => e.PieceNumber).Distinct().Count(), Is.EqualTo(6));
        Assert.That(Entries, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Schedule_never_runs_a_disabled_consumer()
    {
        SeedDays();
        await _world.Consumers.SetConnectionStatusAsync(
            Consumer,
            ConnectorRole.Accounting,
            Domain.Configuration.ConnectionStatus.NeedsReconnect,
            CancellationToken.None);

        var report = await Run("schedule", "--once");

        Assert.That(report.GetProperty("days").GetArrayLength(), Is.Zero);
        Assert.That(
            report.GetProperty("passed")[0].GetProperty("why").GetString(),
            Does.StartWith("not enabled: the accounting tool connection (pennylane) was rejected"));
        Assert.That(_vendors.Sandbox.Journal.All(), Is.Empty, "not a single vendor call");
    }

    [Test]
    public async Task Retry_books_a_failed_day_once_its_cause_is_fixed()
    {
        SeedDays();
        var broken = BookingScenarios.S01Day(Date(), VendorWorld.Centre);
        _vendors.AddDay(
            broken with
            {
                Orders = [broken.Orders[0] with { Payments = [broken.Orders[0].Payments[0] with { Total = 113.00m }] }, broken.Orders[1]]
            });
        await RunWithAFailedDay("schedule", "--once");
        Assert.That(
            (await _world.Executions.OfDayAsync(new DayKey(Consumer, VendorWorld.Centre, _last), CancellationToken.None))[0].ErrorCode,
            Is.EqualTo("SUM_MISMATCH"));

        _vendors.AddDay(BookingScenarios.S01Day(Date(), VendorWorld.Centre));
        var retried = await Run("retry", Consumer, "--from", Date(), "--to", Date());

        var request = retried.EnumerateArray().Single();
        Assert.That(request.GetProperty("request").GetProperty("trigger").GetString(), Is.EqualTo("retry"));
        Assert.That(request.GetProperty("request").GetProperty("attempt").GetInt32(), Is.EqualTo(2));
        Assert.That(request.GetProperty("status").GetString(), Is.EqualTo("success"));
        Assert.That(Entries.Count(e => e.PieceNumber == $"POS-1001-{_last:yyyyMMdd}"), Is.EqualTo(1));
    }

    [Test]
    public async Task Reimport_of_an_unchanged_day_posts_nothing()
    {
        SeedDays();
        await Run("schedule", "--once");
        var posts = Posts;

        var reimported = await Run("reimport", Consumer, "--from", Date(), "--to", Date());

        Assert.That(reimported.EnumerateArray().Select(r => r.GetProperty("error_message").GetString()), Is.All.Contains("unchanged"));
        Assert.That(Posts, Is.EqualTo(posts), "not a single POST");
    }

    [Test]
    public async Task A_second_request_while_a_run_of_the_day_is_going_on_answers_already_running_and_changes_nothing()
    {
        SeedDays();
        var running = new DayRun
        {
            ExecutionId = Guid.NewGuid(),
            ConsumerId = Consumer,
            LocationId = VendorWorld.Centre,
            BusinessDate = _last,
            Trigger = DayTrigger.Manual
        };
        Assert.That(await _world.Executions.TryStartAsync(running, Stage.Ingest, null, CancellationToken.None), Is.True);

        var reimported = await Run("reimport", Consumer, "--from", Date(), "--to", Date());

        var centre = reimported.EnumerateArray().Single(r => r.GetProperty("request").GetProperty("location_id").GetString() == VendorWorld.Centre);
        Assert.That(centre.GetProperty("request").GetProperty("result").GetString(), Is.EqualTo("already_running"));
        Assert.That(
            await _world.Executions.OfDayAsync(new DayKey(Consumer, VendorWorld.Centre, _last), CancellationToken.None),
            Has.Count.EqualTo(1));
        Assert.That(Entries.Any(e => e.PieceNumber == $"POS-1001-{_last:yyyyMMdd}"), Is.False);
    }

    [Test]
    public async Task S25_the_order_export_totals_equal_the_booked_entry()
    {
        SeedDays();
        await Run("schedule", "--once");
        var csv = Path.Combine(_world.Folder, "orders.csv");

        var totals = await Run("export", "orders", Consumer, "--day", Date(), "--location", VendorWorld.Centre, "--out", csv);

        Assert.That(
            (totals.GetProperty("orders").GetInt32(), totals.GetProperty("items").GetInt32(), totals.GetProperty("payments").GetInt32()),
            Is.EqualTo((2, 2, 2)));
        var rows = File.ReadAllLines(csv);
        var total = Fields(rows.Last());
        Assert.That((total[0], total[8], total[10], total[11], total[13]), Is.EqualTo(("total", "50.00", "5.00", "55.00", "55.00")));
        var entry = Entries.Single(e => e.PieceNumber == $"POS-1001-{_last:yyyyMMdd}");
        Assert.That(entry.Lines.Sum(l => l.Debit), Is.EqualTo(55.00m), "the entry's payments equal the export's");
        Assert.That(entry.Lines.Where(l => l.AccountNumber == "445712").Sum(l => l.Credit), Is.EqualTo(5.00m), "and its VAT");
        Assert.That(rows[0], Does.StartWith("kind,order_number,order_id"));
        Assert.That(rows.Count(r => r.StartsWith("item,")), Is.EqualTo(2));
    }

    [Test]
    public async Task Names_from_the_POS_that_a_spreadsheet_would_run_as_formulas_are_exported_as_plain_text()
    {
        var day = BookingScenarios.S01Day(Date(), VendorWorld.Centre);
        var first = day.Orders[0];
        _vendors.AddDay(day with
        {
            Orders =
            [
                first with
                {
                    Items = [first.Items[0] with { Description = "=HYPERLINK(\"http://evil.example\",\"menu\")" }],
                    Payments = [first.Payments[0] with { PaymentMethodName = "-1+cmd|' /C calc'!A0" }],
                },
                .. day.Orders.Skip(1),
            ],
        });
        await Run("schedule", "--once");
        var csv = Path.Combine(_world.Folder, "orders.csv");

        await Run("export", "orders", Consumer, "--day", Date(), "--location", VendorWorld.Centre, "--out", csv);

        var rows = File.ReadAllLines(csv).Select(Fields).ToList();
        Assert.That(rows.Select(r => r[4]), Does.Contain("'=HYPERLINK(\"http://evil.example\",\"menu\")"));
        Assert.That(rows.Select(r => r[12]), Does.Contain("'-1+cmd|' /C calc'!A0"));
        Assert.That(rows.Last()[11], Is.EqualTo("55.00"), "numbers, negative ones included, stay numbers");
    }

    [Test]
    public async Task A_Lightspeed_day_whose_unit_prices_do_not_divide_evenly_can_still_be_exported()
    {
        _vendors.AddDay(DayBuilder.For(Date(), VendorWorld.Centre)
            .Order("O-1", o => o.Item(3, 3.333m, 11.00m, 1.00m, 10).Pay("pm-card", 11.00m))
            .Build());
        await Run("schedule", "--once");
        var csv = Path.Combine(_world.Folder, "orders.csv");

        var totals = await Run("export", "orders", Consumer, "--day", Date(), "--location", VendorWorld.Centre, "--out", csv);

        Assert.That(totals.GetProperty("sales").GetDecimal(), Is.EqualTo(11.00m));
        var item = File.ReadAllLines(csv).Select(Fields).Single(r => r[0] == "item");
        Assert.That((item[6], item[7], item[8]), Is.EqualTo(("3.000", "3.333", "10.00")), "quantity, unit price and amount without VAT");
    }

    [Test]
    public async Task A_vendor_message_with_terminal_escapes_is_shown_escaped_and_kept_verbatim_in_JSON()
    {
        const string hostile = "period closed\u001b[2J\u001b]8;;http://evil.example\u0007click\u202Eli";
        _vendors.AddDay(BookingScenarios.S01Day(Date(), VendorWorld.Centre));
        _vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(FaultKind.Status, 400, hostile));
        await RunWithAFailedDay("schedule", "--once");

        var stored = (await Run("executions", "list", Consumer, "--status", "error")).EnumerateArray().Single();
        var shown = await Possync.RunAsync(
            TimeSpan.FromMinutes(1),
            _environment,
            null,
            "executions",
            "show",
            stored.GetProperty("execution_id").GetString()!,
            "--data",
            _world.Folder);

        Assert.That(stored.GetProperty("error_message").GetString(), Does.Contain(hostile), "JSON keeps the vendor's message verbatim");
        Assert.That(shown.ExitCode, Is.Zero, shown.Errors);
        Assert.That(shown.Output, Does.Contain("period closed\\u001b[2J\\u001b]8;;http://evil.example\\u0007click\\u202eli"));
        Assert.That(shown.Output.Any(TerminalSafeWriter.IsUnsafe), Is.False, "no raw control or bidi character reaches the terminal");
    }

    [Test]
    public async Task Connect_stores_new_credentials_after_a_revoked_token_and_the_retry_books_the_day()
    {
        SeedDays();
        _vendors.Sandbox.Lightspeed.OAuth.RevokeAll(VendorWorld.Account);
        await RunWithAFailedDay("schedule", "--once");
        Assert.That(
            (await _world.Consumers.GetAsync(Consumer, CancellationToken.None))!.Pos!.Status,
            Is.EqualTo(Domain.Configuration.ConnectionStatus.NeedsReconnect));

        string? landed = null;
        var connected = await Possync.RunInteractiveAsync(TimeSpan.FromMinutes(1), _environment,
            async line => line.StartsWith("http") ? landed = await SandboxBrowser.GrantAsync(new Uri(line), VendorWorld.Account) : null,
            "connect", Consumer, "--role", "pos", "--data", _world.Folder);
        var retried = await Run("retry", Consumer, "--all-failed");

        Assert.That(connected.ExitCode, Is.Zero, connected.Errors);
        Assert.That(connected.Output, Does.Contain("lightspeed connected"));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(landed!).Query)["code"]!;
        Assert.That(connected.Output + connected.Errors, Does.Not.Contain(code), "the code is a secret");
        Assert.That(retried.EnumerateArray().Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("success"));
        Assert.That(Entries, Has.Count.EqualTo(6));
        var issues = await new IssueStore(_world.Database, TimeProvider.System).ListAsync(Consumer, 10, CancellationToken.None);
        Assert.That(issues.Select(i => i.Status), Is.All.EqualTo("resolved"));
    }

    [Test]
    public async Task Applying_the_unchanged_file_again_leaves_a_refused_connection_needing_a_reconnect()
    {
        SeedDays();
        _vendors.Sandbox.Lightspeed.OAuth.RevokeAll(VendorWorld.Account);
        await RunWithAFailedDay("schedule", "--once");
        var file = Path.Combine(_world.Folder, "brasserie.json");
        var stored = (await _world.Consumers.GetAsync(Consumer, CancellationToken.None))!;
        await File.WriteAllTextAsync(
            file,
            Domain.Configuration.ConsumerConfigurationWriter.Write(
                stored with { Pos = stored.Pos! with { Status = Domain.Configuration.ConnectionStatus.Active } }));

        var applied = await Possync.RunAsync(TimeSpan.FromMinutes(1), _environment, null, "consumers", "apply", "-f", file, "--data", _world.Folder);

        Assert.That(applied.ExitCode, Is.Zero, applied.Errors);
        Assert.That(
            applied.Output,
            Does.Contain("Ignored pos.status active").And.Contain("Sync not enabled: the POS connection (lightspeed) was rejected by the vendor"));
        Assert.That(
            (await _world.Consumers.GetAsync(Consumer, CancellationToken.None))!.Pos!.Status,
            Is.EqualTo(Domain.Configuration.ConnectionStatus.NeedsReconnect));
        var issues = await new IssueStore(_world.Database, TimeProvider.System).ListAsync(Consumer, 10, CancellationToken.None);
        Assert.That(issues.Single(i => i.Code == "POS_AUTH").Status, Is.EqualTo("open"));
    }

    [Test]
    public async Task Connect_prints_the_consent_address_on_a_line_of_its_own_and_refuses_a_tampered_state()
    {
        string? printed = null;
        var connected = await Possync.RunInteractiveAsync(TimeSpan.FromMinutes(1), _environment, async line =>
        {
            if (!line.StartsWith("https://") && !line.StartsWith("http://")) return null;
            printed = line;
            var landed = await SandboxBrowser.GrantAsync(new Uri(line), VendorWorld.Account);
            return landed.Replace("state=", "state=x");
        }, "connect", Consumer, "--role", "pos", "--data", _world.Folder);

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(printed!).Query);
        Assert.That(
            (query["response_type"], query["client_id"], query["scope"]),
            Is.EqualTo(("code", _vendors.Sandbox.Lightspeed.OAuth.ClientId, "financial-api")));
        Assert.That(query["redirect_uri"], Is.EqualTo(OAuthServer.DefaultRedirectUri));
        Assert.That(query["state"], Has.Length.GreaterThan(30), "an unguessable state");
        Assert.That(connected.ExitCode, Is.EqualTo(1));
        Assert.That(connected.Errors.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(connected.Errors, Does.StartWith("error: The state in the pasted address does not match"));
    }

    /// <summary>The fields of one CSV record, quotes honoured.</summary>
    private static List<string> Fields(string record)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted && c == '"' && i + 1 < record.Length && record[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
