using MassTransit;
using PosSync.Connectors;
using PosSync.Contracts;
using PosSync.Pipeline.Stages;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// A stage holds its calls' request rows until its next write to the execution log; its frame writes
/// what is still held when the stage ends, so a step that throws after a call leaves the call's row.
/// </summary>
public class HeldRequestRowsTests
{
    [Test]
    public async Task A_step_that_throws_after_a_connector_call_still_leaves_the_calls_request_row()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddConsumer<FetchThenFail>());
        await h.World.AddConsumerAsync();
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14", "loc-1"));
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.Published.Any<Fault<SyncServiceDay>>(), Is.True, "the step's exception faulted the message");
        var rows = await h.World.Requests.ListAsync("c-brasserie", null, run.ExecutionId, 10, CancellationToken.None);
        Assert.That(rows.Select(r => (r.Operation, r.Error)), Is.EqualTo(new[] { ("day", (string?)null) }));
    }

    /// <summary>A stage whose step reads the POS day and then fails, as a bug in a later step would make it.</summary>
    public sealed class FetchThenFail(StageEntry entry, ExecutionRecorder recorder, ConnectorRegistry connectors)
        : DayStage<SyncServiceDay>(entry, recorder, Stage.Ingest)
    {
        protected override DayRun RunOf(SyncServiceDay message) => message.Run;

        protected override async Task WorkAsync(StageDay<SyncServiceDay> day)
        {
            var context = new ConnectorContext(day.Run.ConsumerId, day.Run.ExecutionId, day.Config.Pos?.Options) { Requests = day.Requests };
            var fetched = await connectors.Pos("folder")!.FetchDayAsync(context, day.Config.FindLocation(day.Run.LocationId)!, day.Run.BusinessDate,
                day.Cancel);
            throw new InvalidOperationException($"the step failed after its call (fetched: {fetched.Succeeded})");
        }
    }
}
