using PosSync.Cli.Demo;
using PosSync.Storage;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>A folder the demo made never reaches a real vendor, whatever command runs on it next.</summary>
public class DemoFolderTests
{
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task RunTheDemo()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-demo-folder-" + Guid.NewGuid().ToString("N"));
        var report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), TextWriter.Null, CancellationToken.None);
        Assert.That(report.ExitCode, Is.Zero);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> RequestRowsAsync()
    {
        var requests = new RequestLog(Database.SqliteFile(_folder));
        var all = await Task.WhenAll(
            DemoWeek.Clients().Select(c => requests.ListAsync(c.Config.ConsumerId, null, null, 100_000, CancellationToken.None)));
        return all.Sum(r => r.Count);
    }

    [Test]
    public async Task Scheduling_on_a_demo_folder_whose_sandboxes_are_gone_says_how_to_start_them_and_calls_nothing()
    {
        var before = await RequestRowsAsync();

        var schedule = await Possync.RunAsync("schedule", "--once", "--data", _folder);

        Assert.That(schedule.ExitCode, Is.EqualTo(1));
        Assert.That(schedule.Errors.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(
            schedule.Errors,
            Does.Contain(
                "is a demo folder whose vendors are the demo's sandboxes, and they are not running: start them with `possync sandbox --port "));
        Assert.That(await RequestRowsAsync(), Is.EqualTo(before), "no vendor was called");
    }

    [Test]
    public async Task A_demo_folder_refuses_a_setting_that_points_at_a_real_vendor()
    {
        var environment = new Dictionary<string, string> { ["Vendors__Lightspeed__BaseUrl"] = "https://api.lsk.lightspeed.app" };

        var retry = await Possync.RunAsync(TimeSpan.FromMinutes(1), environment, null, "retry", "c-brasserie", "--all-failed", "--data", _folder);

        Assert.That(retry.ExitCode, Is.EqualTo(1));
        Assert.That(retry.Errors, Does.Contain("is a demo folder, and Vendors:Lightspeed:BaseUrl points at api.lsk.lightspeed.app"));
    }

    /// <summary>Xero's consent page and token endpoint live on other hosts than its API: the demo folder keeps them on loopback too.</summary>
    [Test]
    public async Task A_demo_folder_refuses_Xeros_real_identity_server_and_keeps_the_pubs_Square_and_Xero_on_the_sandboxes()
    {
        var environment = new Dictionary<string, string> { ["Vendors__Xero__TokenPath"] = "https://identity.xero.com/connect/token" };

        var retry = await Possync.RunAsync(TimeSpan.FromMinutes(1), environment, null, "retry", "c-sohoarms", "--all-failed", "--data", _folder);

        Assert.That(retry.ExitCode, Is.EqualTo(1));
        Assert.That(retry.Errors, Does.Contain("is a demo folder, and Vendors:Xero:TokenPath points at identity.xero.com"));
        var recorded = File.ReadAllText(Path.Combine(_folder, Support.DemoFolder.VendorsFile));
        Assert.That(recorded, Does.Contain("/square").And.Contain("/xero").And.Contain("\"TokenPath\": \"/connect/token\""));
    }

    [Test]
    public async Task Reading_a_demo_folder_needs_no_sandbox()
    {
        var listed = await Possync.RunAsync("executions", "list", "c-brasserie", "--data", _folder);

        Assert.That(listed.ExitCode, Is.Zero, listed.Errors);
        Assert.That(File.ReadAllText(Path.Combine(_folder, Support.DemoFolder.VendorsFile)), Does.Contain("127.0.0.1"));
    }
}
