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
    [CancelAfter(30_000)]
    public async Task A_worker_with_a_setting_it_cannot_use_exits_1_naming_the_setting(string setting, string expected)
    {
        var errors = new StringWriter();

        var exitCode = await WorkerHost.RunAsync([setting], "possync-reconciliation", bus => bus.AddReconciliationStage(), errors);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors.ToString(), Does.StartWith("possync-reconciliation cannot start: ").And.Contain(expected));
        Assert.That(errors.ToString(), Does.Not.Contain("   at "), "no stack trace");
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
            Assert.That(lines[0], Does.StartWith("possync-reconciliation cannot start: ").And.Contain($"127.0.0.1:{closedPort}").And.Contain("virtual host /"));
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
