using PosSync.Pipeline;
using PosSync.ServiceDefaults;

namespace PosSync.Integration.Tests;

/// <summary>What an operator reads in a pod's log when a worker is deployed with a setting it cannot use.</summary>
public class WorkerConfigurationTests
{
    [TestCase("--Messaging:Transport=Carrier-pigeon", "The configuration section Messaging is invalid")]
    [TestCase("--Messaging:PrefetchCount=0", "Messaging:PrefetchCount must be between 1 and 256")]
    [TestCase("--Messaging:RetryPatienceSeconds=0", "Messaging:RetryPatienceSeconds must be between 1 and 3600")]
    [TestCase("--Storage:Engine=SqlServer", "Storage:ConnectionString must be set when Engine is SqlServer")]
    [TestCase("--Storage:DataDirectory=/proc/possync-cannot-be-here", "Storage:DataDirectory (--data) /proc/possync-cannot-be-here cannot be used")]
    [TestCase("--Vendors:Lightspeed:RequestsPerWindow=0", "Vendors:Lightspeed:RequestsPerWindow must be between 1 and 10000")]
    [TestCase("--Vendors:Xero:WindowSeconds=0", "Vendors:Xero:WindowSeconds must be between 0.01 and 86400")]
    [TestCase("--Vendors:Square:TimeoutSeconds=0", "Vendors:Square:TimeoutSeconds must be between 0.1 and 3600")]
    [TestCase("--Vendors:Pennylane:TransientRetries=-1", "Vendors:Pennylane:TransientRetries must be between 0 and 20")]
    [TestCase("--Vendors:Lightspeed:BackoffSeconds=-0.5", "Vendors:Lightspeed:BackoffSeconds must be between 0 and 600")]
    [TestCase("--Vendors:Xero:MaxRateLimitWaitSeconds=-1", "Vendors:Xero:MaxRateLimitWaitSeconds must be between 0 and 86400")]
    [TestCase("--Vendors:Xero:RefreshTokenDays=0", "Vendors:Xero:RefreshTokenDays must be between 0.01 and 3650")]
    [TestCase("--Vendors:Pennylane:BaseUrl=app.pennylane.com", "Vendors:Pennylane:BaseUrl must be an absolute http(s) address")]
    [TestCase("--Vendors:Square:BaseUrl=", "Vendors:Square:BaseUrl is required")]
    [TestCase("--Vendors:Square:TokenPath=ftp://squareup.com/token", "Vendors:Square:TokenPath must be an http(s) address or a path under BaseUrl")]
    [TestCase("--Vendors:Xero:AuthorizeUrl=", "Vendors:Xero:AuthorizeUrl is required")]
    [TestCase("--Vendors:Lightspeed:RedirectUri=possync.example/callback", "Vendors:Lightspeed:RedirectUri must be an absolute http(s) address")]
    [TestCase("--Vendors:Pennylane:ClientAuthentication=7", "Vendors:Pennylane:ClientAuthentication must be one of Basic, RequestBody")]
    [TestCase("--Vendors:Square:TokenRequest=2", "Vendors:Square:TokenRequest must be one of Form, Json")]
    [TestCase("--Vendors:Lightspeed:FinancialApi=3", "Vendors:Lightspeed:FinancialApi must be one of V1, V2")]
    [TestCase("--Vendors:Lightspeed:FinancialApi=V3", "The configuration section Vendors is invalid")]
    [TestCase("--Vendors:Pennylane:Headers:X Use=true", "Vendors:Pennylane:Headers:X Use is not an HTTP header name")]
    [CancelAfter(30_000)]
    public async Task A_worker_with_a_setting_it_cannot_use_exits_1_naming_the_setting(string setting, string expected)
    {
        var errors = new StringWriter();

        var exitCode = await WorkerHost.RunAsync([setting], "possync-reconciliation", bus => bus.AddReconciliationStage(), errors);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors.ToString(), Does.StartWith("possync-reconciliation cannot start: ").And.Contain(expected));
        Assert.That(errors.ToString(), Does.Not.Contain("   at "), "no stack trace");
        Assert.That(errors.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
    }

    /// <summary>
    /// No broker at start: the worker gives up after Messaging:StartTimeoutSeconds like any worker that
    /// cannot work, with exit 1 and one line naming where it looked (the pod restarts it), not an abort.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_worker_whose_broker_cannot_be_reached_exits_1_within_its_start_timeout_naming_the_broker_address()
    {
        const int startTimeoutSeconds = 5;
        var closedPort = LoopbackPort.Free();
        var data = Directory.CreateTempSubdirectory("possync-nobroker-");
        try
        {
            var exit = await WorkerProcess.RunAsync(TimeSpan.FromSeconds(90),
                "--urls=http://127.0.0.1:0",
                "--Messaging:Transport=RabbitMq",
                "--Messaging:RabbitMq:Host=127.0.0.1",
                $"--Messaging:RabbitMq:Port={closedPort}",
                "--Messaging:RabbitMq:Password=not-to-be-printed",
                $"--Messaging:StartTimeoutSeconds={startTimeoutSeconds}",
                $"--Storage:DataDirectory={data.FullName}");

            var lines = exit.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(exit.ExitCode, Is.EqualTo(1), exit.Errors);
            Assert.That(lines, Has.Length.EqualTo(1), "one line on standard error");
            Assert.That(
                lines[0],
                Does.StartWith("possync-reconciliation cannot start: ").And.Contain($"127.0.0.1:{closedPort}").And.Contain("virtual host /"));
            Assert.That(exit.Errors + exit.Output, Does.Not.Contain("not-to-be-printed"), "never the password");
            Assert.That(exit.Errors, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), "no stack trace");
            // The start timeout, plus the runtime's own start on a busy machine; never MassTransit's 30 s default.
            Assert.That(exit.Elapsed, Is.LessThan(TimeSpan.FromSeconds(startTimeoutSeconds + 20)));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
