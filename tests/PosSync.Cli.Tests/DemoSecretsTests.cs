using PosSync.Testing;
using PosSync.Cli.Demo;
using PosSync.Storage;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Tests;

/// <summary>The demo run in-process, to look behind its table at what it recorded.</summary>
public class DemoSecretsTests
{
    private string _folder = null!;
    private DemoReport _report = null!;
    private IReadOnlyList<RequestRecord> _requests = null!;

    [OneTimeSetUp]
    public async Task RunTheDemo()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-demo-" + Guid.NewGuid().ToString("N"));
        _report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), TextWriter.Null, CancellationToken.None);
        var requests = new RequestLog(Database.SqliteFile(_folder));
        _requests = (
            await Task.WhenAll(DemoWeek.Clients().Select(c => requests.ListAsync(c.Config.ConsumerId, null, null, 100_000, CancellationToken.None))))
            .SelectMany(r => r).ToList();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void The_request_table_holds_every_call_the_vendors_answered()
    {
        Assert.That(_report.ExitCode, Is.Zero);
        Assert.That(_requests.Count(r => r.Connector is "lightspeed" or "pennylane" or "square" or "xero"), Is.EqualTo(_report.SandboxRequests));
        Assert.That(_requests.Select(r => r.Connector).Distinct(), Is.EquivalentTo(new[] { "lightspeed", "pennylane", "square", "xero", "fec" }));
    }

    [Test]
    public void No_token_or_client_secret_appears_anywhere_in_the_database_files()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(_folder, "possync.db*");
        var text = string.Concat(files.Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));

        Assert.That(_report.SecretsIssued, Has.Count.GreaterThan(4));
        foreach (var secret in _report.SecretsIssued)
            Assert.That(text.Contains(secret, StringComparison.Ordinal), Is.False, "stored credentials are encrypted; nothing else holds a secret");
        var requestsText = string.Join("\n", _requests.Select(r => $"{r.Url} {r.Error}"));
        Assert.That(requestsText, Does.Contain("oauth"), "the token calls themselves are in the request table");
    }

    [Test]
    public async Task Execution_events_and_messages_hold_no_secret_either()
    {
        var log = new ExecutionLog(Database.SqliteFile(_folder), TimeProvider.System);
        var texts = new List<string>();
        foreach (var execution in _report.Executions)
        {
            texts.Add(execution.ErrorMessage ?? "");
            texts.AddRange((await log.EventsAsync(execution.ExecutionId, CancellationToken.None)).Select(e => $"{e.Message} {e.DetailsJson}"));
        }
        var all = string.Join("\n", texts);
        foreach (var secret in _report.SecretsIssued) Assert.That(all, Does.Not.Contain(secret));
    }
}
