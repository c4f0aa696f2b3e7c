using PosSync.Contracts;

namespace PosSync.Integration.Tests;

/// <summary>Two deployments on one broker (staging beside production, a test beside the demo), told apart by their prefix.</summary>
[Category("Integration")]
[CancelAfter(120_000)]
public class SharedBrokerTests
{
    [Test]
    public async Task A_day_published_by_a_deployment_with_another_prefix_never_reaches_these_workers(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        await workers.World.AddConsumerAsync();
        var runs = ExportedDays.Export(workers.World, "c-brasserie", 2);
        await using var neighbour = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);

        await neighbour.Bus.Publish(new SyncServiceDay { Run = runs[0] }, cancellationToken);
        await workers.Bus.Publish(new SyncServiceDay { Run = runs[1] }, cancellationToken);
        await ExportedDays.WaitForAllAsync(workers.World, [runs[1]], cancellationToken);
        await ExportedDays.WaitForAllAsync(neighbour.World, [runs[0]], cancellationToken);

        var here = await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 10, cancellationToken);
        Assert.That(here.Select(e => e.ExecutionId), Is.EqualTo(new[] { runs[1].ExecutionId }), "only this deployment's own day ran here");
    }
}
