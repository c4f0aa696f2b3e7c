using Dapper;
using PosSync.Contracts;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>Diagnose knows the POS day was closed from the fact the ingest stage recorded, whatever its event says in words.</summary>
public class DiagnosisClosedDayTests
{
    private const string Consumer = "c-brasserie";

    private static async Task<(PipelineHarness H, ExecutionRecord Run, DateOnly Day)> BookedDayAsync()
    {
        var h = await PipelineHarness.StartAsync();
        var config = await h.World.AddConsumerAsync(Consumer, c => c["locations"]!.AsArray().RemoveAt(1));
        var day = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        await h.World.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = day } }, CancellationToken.None);
        h.World.ExportDay(Consumer, BookingScenarios.S01Day(day.ToString("yyyy-MM-dd")));
        var run = await h.RunAsync(TestWorld.Run(Consumer, day.ToString("yyyy-MM-dd"), trigger: DayTrigger.Schedule));
        return (h, run, day);
    }

    private static async Task RewordIngestEventsAsync(PipelineHarness h, Guid executionId, string message)
    {
        await using var connection = await h.World.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE execution_events SET message = @Message WHERE execution_id = @ExecutionId AND stage = 'ingest'",
            new { Message = message, ExecutionId = executionId });
    }

    [Test]
    public async Task A_diagnosis_still_knows_a_closed_day_after_the_log_message_s_wording_changes()
    {
        var (h, run, day) = await BookedDayAsync();
        await using var _ = h;
        Assert.That(run.Status, Is.EqualTo(ExecutionStatus.Success), run.ErrorMessage);

        await RewordIngestEventsAsync(h, run.ExecutionId, "Le jour de caisse a été lu.");
        var report = await h.Get<Diagnosis>().RunAsync(Consumer, day, null, CancellationToken.None);

        var closed = report.Checks.Single(c => c.Name == "Day closed in the POS");
        Assert.That((closed.Verdict, closed.Evidence), Is.EqualTo((Verdict.Ok, "closed when it was fetched")));
    }

    [Test]
    public async Task Without_the_recorded_fact_the_wording_alone_says_nothing_about_the_closure()
    {
        var (h, run, day) = await BookedDayAsync();
        await using var _ = h;
        await using (var connection = await h.World.Database.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync("UPDATE execution_events SET details_json = NULL WHERE execution_id = @ExecutionId AND stage = 'ingest'",
                new { run.ExecutionId });

        var report = await h.Get<Diagnosis>().RunAsync(Consumer, day, null, CancellationToken.None);

        Assert.That(report.Checks.Select(c => c.Name), Does.Not.Contain("Day closed in the POS"), "the message still says closed, but no fact does");
    }
}
