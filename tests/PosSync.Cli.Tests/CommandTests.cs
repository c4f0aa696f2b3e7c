using PosSync.Storage;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

public class CommandTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Path.Combine(Path.GetTempPath(), "possync-cli-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_demo_books_its_week_through_the_sandboxes_and_shows_every_outcome_in_its_table()
    {
        var result = await Possync.RunAsync("demo", "--data", _folder);

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Errors);
        Assert.That(result.Output, Does.Contain("29/29 days done"));
        Assert.That(result.Output, Does.Match(@"c-brasserie\s+1001\s+2025-03-10\s+success\s+POS-1001-20250310"));
        Assert.That(result.Output, Does.Match(@"c-brasserie\s+1001\s+2025-03-13\s+error\s+SUM_MISMATCH The sum of all lines does not match"));
        Assert.That(result.Output, Does.Match(@"c-brasserie\s+1002\s+2025-03-11\s+error\s+POS_UNAVAILABLE"));
        Assert.That(result.Output, Does.Match(@"c-brasserie\s+1002\s+2025-03-16\s+waiting\s+DAY_OPEN"));
        Assert.That(result.Output, Does.Match(@"c-boulangerie\s+2001\s+2025-03-10\s+skipped\s+BEFORE_START_DATE"));
        Assert.That(result.Output, Does.Match(@"c-boulangerie\s+2001\s+2025-03-14\s+warning\s+POS-2001-20250314\s+DIFFERENCE_BOOKED"));
        Assert.That(result.Output, Does.Match(@"c-zinc\s+3001\s+2025-03-16\s+error\s+POS_AUTH"));
        Assert.That(result.Output, Does.Contain("Pennylane (sandbox) now holds 11 ledger entries"));
        foreach (var day in Enumerable.Range(10, 7))
            Assert.That(
                result.Output,
                Does.Match($@"c-sohoarms\s+LSQSOHO01\s+2025-03-{day}\s+success\s+POS-LSQSOHO01-202503{day}"),
                "Square to Xero");
        Assert.That(result.Output, Does.Contain("Xero (sandbox) now holds 7 manual journals of The Soho Arms Ltd, VAT derived by Xero: OUTPUT2 £"));
        Assert.That(result.Output, Does.Contain("possync preview --config"), "it shows how to look closer at the failed day");

        var executions = new ExecutionLog(Database.SqliteFile(_folder), TimeProvider.System);
        Assert.That(
            await executions.ListAsync("c-brasserie", null, null, null, 100, CancellationToken.None),
            Has.Count.EqualTo(14),
            "exactly one execution per day");
        var fec = Directory.GetFiles(Path.Combine(_folder, "fec", "c-boulangerie"), "*.txt");
        Assert.That(fec.Select(Path.GetFileName), Is.EqualTo(new[] { "812345678_VENTES_POS_20251231.txt" }));
        Assert.That(File.ReadAllLines(fec[0]).Skip(1).Select(l => l.Split('\t')[8]).Distinct().Count(), Is.EqualTo(5), "five booked bakery days");
        Assert.That(FecChecker.Check(fec[0]), Is.Empty, "the demo's file passes every checkable FEC rule");
        Assert.That(result.Output, Does.Contain("812345678_VENTES_POS_20251231.txt"), "the demo names the file it wrote");
    }

    [Test, Category("Integration")]
    public async Task The_demo_runs_the_same_week_over_RabbitMQ()
    {
        TestBroker.Require();

        var result = await Possync.RunAsync("demo", "--data", _folder, "--transport", "rabbitmq",
            "--rabbitmq-host", TestBroker.Host, "--rabbitmq-port", TestBroker.Port.ToString());

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Errors);
        Assert.That(result.Output, Does.Contain("RabbitMq transport"));
        Assert.That(result.Output, Does.Contain("29/29 days done"));
        Assert.That(result.Output, Does.Match(@"c-brasserie\s+1001\s+2025-03-13\s+error\s+SUM_MISMATCH"));
    }

    [Test]
    public async Task The_demo_can_run_again_in_its_own_folder_but_never_wipes_a_foreign_one()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "precious.txt"), "keep me");

        var refused = await Possync.RunAsync("demo", "--data", _folder);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Output, Does.Contain("was not made by possync demo"));
        Assert.That(File.Exists(Path.Combine(_folder, "precious.txt")), Is.True);
    }

    [TestCase("demo", "error: the data folder /proc/possync-nowhere cannot be used")]
    [TestCase("migrate", "error: Storage:DataDirectory (--data) /proc/possync-nowhere cannot be used")]
    [TestCase("consumers find brasserie", "error: Storage:DataDirectory (--data) /proc/possync-nowhere cannot be used")]
    public async Task A_data_folder_that_cannot_be_made_is_named_instead_of_crashing(string command, string expected)
    {
        var result = await Possync.RunAsync([.. command.Split(' '), "--data", "/proc/possync-nowhere"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output + result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_damaged_key_file_is_named_instead_of_crashing()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "secrets.key"), "not a key");

        var result = await Possync.RunAsync("consumers", "find", "brasserie", "--data", _folder);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("secrets.key cannot be read as 32 bytes in base64").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Migrate_creates_the_schema_once()
    {
        var first = await Possync.RunAsync("migrate", "--data", _folder);
        var second = await Possync.RunAsync("migrate", "--data", _folder);

        Assert.That(first.Output, Does.Contain("applied 0001_initial"));
        Assert.That(second.Output, Does.Contain("is up to date"));
    }

    [TestCase("migrate", "Storage__Engine", "SqlServer", "Storage:ConnectionString must be set when Engine is SqlServer")]
    [TestCase("consumers find brasserie --data /proc/possync-nowhere", "Vendors__Lightspeed__RequestsPerWindow", "0",
        "Vendors:Lightspeed:RequestsPerWindow must be between 1 and 10000")]
    public async Task A_setting_possync_cannot_use_is_refused_at_start_in_one_line(string command, string variable, string value, string expected)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "possync.dll"));
        foreach (var argument in command.Split(' ')) start.ArgumentList.Add(argument);
        start.Environment[variable] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(1));
        Assert.That(errors, Is.EqualTo($"error: PosSync cannot start with this configuration: {expected}{Environment.NewLine}"));
    }

    [TestCase("0")]
    [TestCase("500")]
    public async Task A_Xero_concurrency_limit_out_of_range_is_refused_at_start_naming_the_setting(string value)
    {
        var result = await Possync.RunAsync(TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["Vendors__Xero__ConcurrentRequests"] = value }, null,
            "consumers", "find", "cafe", "--data", _folder);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Is.EqualTo(
            "error: PosSync cannot start with this configuration: Vendors:Xero:ConcurrentRequests must be between 1 and 100"
            + Environment.NewLine));
    }

    [Test]
    public async Task The_booking_benchmark_reports_both_rates_and_their_ratio()
    {
        var result = await Possync.RunAsync("bench", "booking", "--orders", "100", "--seconds", "0.2");

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Match(@"booking engine:\s+[\d,]+ orders/s"));
        Assert.That(result.Output, Does.Match(@"bare sum loop:\s+[\d,]+ orders/s"));
        Assert.That(result.Output, Does.Match(@"ratio engine/bare: [\d.]+ %"));
    }
}

public class ConsumersApplyTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "possync-apply-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Apply_creates_then_updates_a_consumer_and_says_whether_its_sync_is_enabled()
    {
        var file = Path.Combine(_folder, "brasserie.json");
        await File.WriteAllTextAsync(
            file,
            ReferenceConfiguration.Json(c => { c["pos"]!["connector"] = "folder"; c["accounting"]!["connector"] = "json-file"; }));
        var created = await Possync.RunAsync("consumers", "apply", "-f", file, "--data", _folder);
        await File.WriteAllTextAsync(file, ReferenceConfiguration.Json(c =>
        {
            c["pos"]!["connector"] = "folder";
            c["accounting"]!["connector"] = "json-file";
            c["mappings"]!.AsObject().Remove("tips");
        }));
        var updated = await Possync.RunAsync("consumers", "apply", "-f", file, "--data", _folder);

        Assert.That(created.Output, Does.Contain("Consumer c-brasserie created.").And.Contain("Sync enabled."));
        Assert.That(updated.Output, Does.Contain("Consumer c-brasserie updated.").And.Contain("Sync not enabled: mappings.tips: no tips account"));
    }

    [Test]
    public async Task A_consumer_whose_tools_were_never_connected_is_pending_whatever_its_file_says()
    {
        var file = Path.Combine(_folder, "brasserie.json");
        await File.WriteAllTextAsync(file, ReferenceConfiguration.Json());

        var created = await Possync.RunAsync("consumers", "apply", "-f", file, "--data", _folder);
        var shown = await Possync.RunAsync("consumers", "show", "c-brasserie", "--data", _folder, "--json");
        var page = await Possync.RunAsync("consumers", "show", "c-brasserie", "--data", _folder);

        Assert.That(created.Output, Does.Contain("Ignored pos.status active and accounting.status active"));
        Assert.That(
            created.Output,
            Does.Contain(
                "Sync not enabled: the POS (lightspeed) is not connected yet: no credentials are stored (possync connect c-brasserie --role pos)"));
        Assert.That(shown.Output, Does.Contain("pending").And.Not.Contain("\"active\""));
        Assert.That(page.Output, Does.Contain(
            "To connect the pos tool: possync connect c-brasserie --role pos (send the client the address it prints; "
            + "Lightspeed needs the scope financial-api"));
        Assert.That(
            page.Output,
            Does.Contain("To connect the accounting tool: possync connect c-brasserie --role accounting").And.Contain("ledger_entries:all"));
    }

    [Test]
    public async Task Apply_refuses_a_bad_configuration_naming_each_field_and_stores_nothing()
    {
        var file = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(
            file,
            "consumer_id: c-bad\nname: Bad\ncreated_by_email: nobody\nlocations: []\nsettings: { currency: EUR, start_date: " +
                "2025-13-01, tolerance: -1, rounding_threshold: 0 }\n");

        var result = await Possync.RunAsync("consumers", "apply", "-f", file, "--data", _folder);
        var find = await Possync.RunAsync("consumers", "find", "c-bad", "--data", _folder);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("created_by_email must be an e-mail address").And.Contain("locations must list at least one location")
            .And.Contain("settings.start_date must be a date").And.Contain("settings.tolerance must be >= 0"));
        Assert.That(find.Output, Does.Contain("No consumer matches"));
    }
}
