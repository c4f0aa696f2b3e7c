using PosSync.Pipeline;
using PosSync.ServiceDefaults;

namespace PosSync.Integration.Tests;

/// <summary>What an operator reads in a pod's log when a worker is deployed with a setting it cannot use.</summary>
public class WorkerConfigurationTests
{
    [TestCase("--Messaging:Transport=Carrier-pigeon", "The configuration section Messaging is invalid")]
    [TestCase("--Messaging:PrefetchCount=0", "Messaging:PrefetchCount must be between 1 and 256")]
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
}
