using MassTransit;
using MassTransit.Testing;
using PosSync.Contracts;
using PosSync.Pipeline.Stages;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// The database held by another process, for real: a SQLite file locked by a connection of the
/// test's own. Statements wait only 1 s for the lock here (30 s in the workers), so a lock of a few
/// seconds outlasts the database's own wait and only the stage's retry policy can ride it out.
/// </summary>
public class DatabaseFaultTests
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(4);

    private static ServiceDayReconciled Reconciled(DayRun run) => new()
    {
        Run = run,
        Entry = Domain.Booking.BookingEngine.Book(
            ReferenceConfiguration.Load(),
            BookingScenarios.S01Day(run.BusinessDate.ToString("yyyy-MM-dd"))).Entry!,
    };

    [Test]
    public async Task A_stage_rides_out_a_database_locked_by_another_connection_and_books_without_faulting()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage(), lockTimeout: LockTimeout);
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        await using var held = await SqliteFileLock.TakeAsync(h.World.DatabaseFile);
        var released = held.ReleaseAfterAsync(Held);

        await h.Harness.Bus.Publish(Reconciled(run));

        var execution = await h.WaitAsync(run, TimeSpan.FromSeconds(40));
        await released;
        Assert.That((execution.Status, execution.EntryNumber), Is.EqualTo((ExecutionStatus.Success, "POS-loc-1-20250314")));
        Assert.That(await h.Harness.Published.Any<Fault<ServiceDayReconciled>>(), Is.False, "nothing reached the _error queue");
        Assert.That(h.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_fault_handler_records_the_fault_even_while_the_database_is_briefly_locked()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage(), lockTimeout: LockTimeout);
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.StartAsync(run, Stage.Export, null, CancellationToken.None);
        await using var held = await SqliteFileLock.TakeAsync(h.World.DatabaseFile);
        var released = held.ReleaseAfterAsync(Held);

        // What a stage publishes when it faults after its retries.
        await h.Harness.Bus.Publish<Fault<ServiceDayReconciled>>(new
        {
            FaultId = NewId.NextGuid(), Timestamp = DateTime.UtcNow, Message = Reconciled(run),
            Exceptions = Array.Empty<ExceptionInfo>(),
            FaultMessageTypes = new[] { "urn:message:PosSync.Contracts:ServiceDayReconciled" },
        });

        var execution = await h.WaitAsync(run, TimeSpan.FromSeconds(40));
        await released;
        Assert.That((execution.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "STAGE_FAILED")));
        Assert.That(await h.Harness.Published.Any<Fault<Fault<ServiceDayReconciled>>>(), Is.False, "nothing reached the -fault_error queue");
    }
}
