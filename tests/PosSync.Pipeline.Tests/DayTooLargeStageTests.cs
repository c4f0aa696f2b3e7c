using MassTransit.Testing;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline.Stages;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>A folder export past the largest day PosSync books ends the run DAY_TOO_LARGE, weighed before it is read.</summary>
public class DayTooLargeStageTests
{
    [Test]
    public async Task A_POS_export_heavier_than_the_maximum_ends_the_run_DAY_TOO_LARGE_without_being_read()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        var path = FolderPosConnector.DayPath(h.World.Files.PosFolder, "c-brasserie", "loc-1", new DateOnly(2025, 3, 14));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Not even JSON: were it read, it would end POS_INVALID_DATA.
        await using (var file = File.Create(path)) file.SetLength(DayLimits.MaxJsonBytes + 1);
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "DAY_TOO_LARGE")));
        Assert.That(execution.ErrorMessage, Is.EqualTo(
            "The POS export 2025-03-14.json holds 64 MiB (67,108,865 bytes) of JSON; PosSync books at most 64 MiB (67,108,864 bytes) " +
            "of JSON (and 60,000 orders) a day. Split the day (one location per till or service) or book it by hand; " +
            "the day is not retried by itself."));
        Assert.That(await h.Harness.Published.Any<ServiceDayIngested>(), Is.False);
    }
}
