using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Support;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>possync support-bundle on the demo's week: the support ticket of the guide in one folder, with no secret in it.</summary>
public partial class SupportCommandTests
{
    private static string NewBundleFolder() => Path.Combine(Path.GetTempPath(), "possync-bundle-" + Guid.NewGuid().ToString("N"));

    /// <summary>Credentials of the consumer, stored as a connection stores them (encrypted): none may reach a bundle.</summary>
    private static async Task<IReadOnlyList<string>> SeedCredentialsAsync(string consumer)
    {
        var access = "at-SEEDED-" + Guid.NewGuid().ToString("N");
        var refresh = "rt-SEEDED-" + Guid.NewGuid().ToString("N");
        await using var services = await CliServices.OpenAsync(_folder, CancellationToken.None);
        await services.GetRequiredService<ConnectionStore>().SaveAsync(consumer, ConnectionStore.Accounting, "pennylane", access, refresh,
            DateTime.UtcNow.AddHours(1), "accounting", CancellationToken.None);
        return [access, refresh, (await File.ReadAllTextAsync(Path.Combine(_folder, "secrets.key"))).Trim()];
    }

    [Test]
    public async Task The_support_bundle_of_the_demo_s_mismatched_day_holds_every_part_and_no_secret()
    {
        var secrets = (await SeedCredentialsAsync("c-brasserie")).Concat(_demo.SecretsIssued).ToList();
        var folder = NewBundleFolder();

        var result = await Possync.RunAsync(
            "support-bundle", "c-brasserie", "--day", "2025-03-13", "--location", "1001", "--out", folder, "--data",
            _folder);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.That(files, Is.SupersetOf(new[]
        {
            "README.txt", "consumer.txt", "consumer.json", "configuration-history.txt", "diagnosis.txt", "diagnosis.json",
            "executions.txt", "executions.json", "orders-1001.csv",
        }));
        var run = files.Single(f => f!.StartsWith("execution-1001-", StringComparison.Ordinal) && f.EndsWith(".txt", StringComparison.Ordinal));
        Assert.That(files, Does.Contain(Path.ChangeExtension(run, ".json")));
        string Read(string name) => File.ReadAllText(Path.Combine(folder, name));
        Assert.That(Read("README.txt"), Does.Contain("the consumer id: c-brasserie")
            .And.Contain("the date the tolerance was changed: none recorded, the tolerance is 50.00")
            .And.Contain("the amounts the client expected for 2025-03-13")
            .And.Contain("what PosSync fetched from the POS at 1001: 40 orders")
            .And.Contain("the order-level export: orders-1001.csv")
            .And.Contain("possync diagnose c-brasserie --day 2025-03-13 --location 1001"));
        Assert.That(Read("consumer.txt"), Does.Contain("Brasserie Centrale (c-brasserie)").And.Contain("Configuration history"));
        Assert.That(Read("configuration-history.txt"), Does.Contain("consumer created on").And.Contain("by possync demo"));
        Assert.That(Read("diagnosis.txt"), Does.Contain("SUM_MISMATCH").And.Contain("possible unrecorded tip"));
        Assert.That(Read(run!), Does.Contain("error SUM_MISMATCH").And.Contain("GET 200 daily-financials"), "its events and its requests");
        Assert.That(Read("orders-1001.csv").TrimEnd().Split('\n').Last(), Does.StartWith("total,"));
        foreach (var file in Directory.GetFiles(folder))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.That(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)), Is.Empty, $"{Path.GetFileName(file)} holds a secret");
        }
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task A_bundle_says_which_part_it_could_not_write_and_why()
    {
        var folder = NewBundleFolder();

        var result = await Possync.RunAsync("support-bundle", "c-zinc", "--day", "2025-03-20", "--out", folder, "--data", _folder);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain("Not written: orders-3001.csv: 2025-03-20 of 3001 was never fetched from the POS"));
        Assert.That(
            File.ReadAllText(Path.Combine(folder, "README.txt")),
            Does.Contain("Not written:\n  orders-3001.csv: 2025-03-20 of 3001 was never fetched"));
        Assert.That(File.Exists(Path.Combine(folder, "orders-3001.csv")), Is.False, "no half file");
        Directory.Delete(folder, recursive: true);
    }

    [TestCase("c-nobody --day 2025-03-13 --out {out}", "error: No consumer c-nobody. Find its id with: possync consumers find TEXT",
        TestName = "A bundle of an unknown consumer is refused in one line")]
    [TestCase("c-brasserie --day 13/03/2025 --out {out}", "error: --day must be a date as yyyy-MM-dd, not \"13/03/2025\".",
        TestName = "A bundle of a day not written as yyyy-MM-dd is refused in one line")]
    [TestCase("c-brasserie --day 2025-03-13 --location 9999 --out {out}", "error: c-brasserie has no location 9999 (it has 1001, 1002).",
        TestName = "A bundle of an unknown location is refused in one line")]
    [TestCase("c-brasserie --day 2025-03-13 --out {file}", "error: --out: {file} is a file; give a folder for the bundle.",
        TestName = "A bundle into a file is refused in one line")]
    [TestCase("c-brasserie --day 2025-03-13 --out /proc/possync-bundle", "error: --out: cannot write in /proc/possync-bundle: ",
        TestName = "A bundle into a folder that cannot be written is refused in one line")]
    public async Task Bad_bundle_arguments_exit_1_with_one_line_and_write_nothing(string arguments, string expected)
    {
        var folder = NewBundleFolder();
        var file = Path.GetTempFileName();
        var args = arguments.Replace("{out}", folder).Replace("{file}", file).Split(' ');

        var result = await Possync.RunAsync(["support-bundle", .. args, "--data", _folder]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Errors, Does.StartWith(expected.Replace("{file}", file)));
        Assert.That(Directory.Exists(folder), Is.False, "nothing written");
        File.Delete(file);
    }
}
