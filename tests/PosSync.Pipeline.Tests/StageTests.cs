using MassTransit;
using MassTransit.Testing;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Pipeline.Stages;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

public class PosIngestStageTests
{
    [Test]
    public async Task An_exported_day_is_fetched_and_published_with_its_orders()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.Published.Any<ServiceDayIngested>(m => m.Context.Message.Run.ExecutionId == run.ExecutionId), Is.True);
        var ingested = h.Harness.Published.Select<ServiceDayIngested>().First().Context.Message;
        Assert.That(ingested.Day.Orders.Select(o => o.Id), Is.EqualTo(new[] { "O-101", "O-102" }));
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That(
            (execution!.Status, execution.Stage),
            Is.EqualTo((ExecutionStatus.Running, Stage.Handover)),
            "handed to reconciliation, waiting on its queue");
        var requests = await h.World.Requests.ListAsync("c-brasserie", null, run.ExecutionId, 10, CancellationToken.None);
        Assert.That(requests.Select(r => r.Operation), Is.EquivalentTo(new[] { "catalog", "day" }), "one request row per connector call");
    }

    [Test]
    public async Task S23_a_second_run_of_a_day_while_one_is_going_on_changes_nothing()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        var first = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.TryStartAsync(first, Stage.Ingest, null, CancellationToken.None);
        var second = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = second });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        Assert.That(await h.World.Executions.GetAsync(second.ExecutionId, CancellationToken.None), Is.Null, "no second execution");
        Assert.That(await h.Harness.Published.Any<ServiceDayIngested>(), Is.False);
        Assert.That(await h.World.Requests.ListAsync("c-brasserie", null, null, 10, CancellationToken.None), Is.Empty, "not a single POS call");
    }

    [Test]
    public async Task A_day_the_POS_has_not_exported_yet_waits_and_goes_no_further()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-03-20");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "DAY_NOT_EXPORTED")));
        Assert.That(await h.Harness.Published.Any<ServiceDayIngested>(), Is.False);
    }

    [Test]
    public async Task A_day_before_the_start_date_is_skipped_without_asking_the_POS()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-02-28");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Skipped, "BEFORE_START_DATE")));
        var requests = await h.World.Requests.ListAsync("c-brasserie", null, run.ExecutionId, 10, CancellationToken.None);
        Assert.That(requests.Select(r => r.Operation), Has.None.EqualTo("day"));
    }

    [Test]
    public async Task A_POS_payment_method_without_mapping_disables_the_sync_with_every_reason()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        h.World.ExportCatalog("c-brasserie", new PosCatalog([new("pm-card", "Card"), new("pm-lydia", "Lydia")], [], [10m, 8m]));
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Skipped, "SYNC_DISABLED")));
        Assert.That(execution.ErrorMessage, Does.Contain("Lydia (pm-lydia)").And.Contain("mappings.vat_rates.8"));
        Assert.That(await h.Harness.Published.Any<ServiceDayIngested>(), Is.False);
    }

    [Test]
    public async Task A_POS_export_that_is_not_a_valid_day_fails_the_run_naming_the_field()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddPosIngestStage());
        await h.World.AddConsumerAsync();
        var path = Connectors.Files.FolderPosConnector.DayPath(h.World.Files.PosFolder, "c-brasserie", "loc-1", new DateOnly(2025, 3, 14));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(
            path,
            Domain.Days.ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14")).Replace(
                "\"total\":33.00,\"tax_amount\"",
                "\"total\":\"33\",\"tax_amount\""));
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.GetConsumerHarness<PosIngestStage>().Consumed.Any<SyncServiceDay>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "POS_INVALID_DATA")));
        Assert.That(execution.ErrorMessage, Does.Contain("orders[0].total must be a number"));
    }
}

public class ReconciliationStageTests
{
    [Test]
    public async Task A_balanced_day_is_published_as_its_journal_entry()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddReconciliationStage());
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);

        await h.Harness.Bus.Publish(new ServiceDayIngested { Run = run, Day = BookingScenarios.S01Day("2025-03-14") });

        Assert.That(await h.Harness.Published.Any<ServiceDayReconciled>(), Is.True);
        var entry = h.Harness.Published.Select<ServiceDayReconciled>().First().Context.Message.Entry;
        Assert.That(entry, Is.Not.Null);
        ExpectedLines.AssertSame(ExpectedLines.Of(entry!), "D 511200 33.00; D 530000 22.00; C 706100 50.00 FR10; C 445712 5.00");
    }

    [Test]
    public async Task A_run_records_the_tolerance_rounding_threshold_and_mode_it_was_judged_with()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddReconciliationStage());
        await h.World.AddConsumerAsync(change: c => { c["settings"]!["tolerance"] = 5.00m; c["settings"]!["revenue_mode"] = "gross"; });
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);

        await h.Harness.Bus.Publish(new ServiceDayIngested { Run = run, Day = BookingScenarios.S01Day("2025-03-14") });

        Assert.That(await h.Harness.GetConsumerHarness<ReconciliationStage>().Consumed.Any<ServiceDayIngested>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Tolerance, execution.RoundingThreshold, execution.BookingMode), Is.EqualTo((5.00m, 0.05m, "gross")));
    }

    [Test]
    public async Task A_sum_mismatch_is_recorded_with_its_details_and_never_reaches_an_error_queue()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddReconciliationStage());
        await h.World.AddConsumerAsync(change: c => { c["settings"]!["tolerance"] = 0m; c["settings"]!["rounding_threshold"] = 0m; });
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        var day = DayBuilder.For("2025-03-14").Order("O-401", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 50.00m)).Build();

        await h.Harness.Bus.Publish(new ServiceDayIngested { Run = run, Day = day });

        Assert.That(await h.Harness.GetConsumerHarness<ReconciliationStage>().Consumed.Any<ServiceDayIngested>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.Stage, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, Stage.Reconcile, "SUM_MISMATCH")));
        Assert.That(execution.ErrorMessage, Does.StartWith("The sum of all lines does not match"));
        var events = await h.World.Executions.EventsAsync(run.ExecutionId, CancellationToken.None);
        Assert.That(events.Last().DetailsJson, Does.Contain("possible unrecorded tip"));
        Assert.That(await h.Harness.Published.Any<Fault<ServiceDayIngested>>(), Is.False);
        Assert.That(await h.Harness.Published.Any<ServiceDayReconciled>(), Is.False);
    }

    [Test]
    public async Task An_open_day_waits()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddReconciliationStage());
        await h.World.AddConsumerAsync();
        var run = TestWorld.Run("c-brasserie", "2025-03-17");
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);

        await h.Harness.Bus.Publish(new ServiceDayIngested { Run = run, Day = DayBuilder.For("2025-03-17").Open().Build() });

        Assert.That(await h.Harness.GetConsumerHarness<ReconciliationStage>().Consumed.Any<ServiceDayIngested>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "DAY_OPEN")));
        Assert.That(
            (await h.World.Ledger.GetAsync(new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 17)), CancellationToken.None)),
            Is.Null,
            "not marked done");
    }
}

public class AccountingExportStageTests
{
    /// <summary>A run of 2025-03-14 that got as far as the export stage.</summary>
    private static async Task<DayRun> RunAtExportAsync(PipelineHarness h, DayTrigger trigger = DayTrigger.Manual)
    {
        var run = TestWorld.Run("c-brasserie", "2025-03-14", trigger: trigger);
        await h.World.Executions.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        return run;
    }

    /// <summary>2025-03-14 booked once, as S01.</summary>
    private static async Task BookS01Async(PipelineHarness h)
    {
        await h.Harness.Bus.Publish(Reconciled(await RunAtExportAsync(h)));
        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(), Is.True);
    }

    private static ServiceDayReconciled Reconciled(DayRun run) => new()
    {
        Run = run,
        Entry = Domain.Booking.BookingEngine.Book(
            ReferenceConfiguration.Load(),
            BookingScenarios.S01Day(run.BusinessDate.ToString("yyyy-MM-dd"))).Entry!,
    };

    [Test]
    public async Task The_entry_is_booked_recorded_in_the_ledger_and_announced()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage());
        await h.World.AddConsumerAsync();
        var run = await RunAtExportAsync(h);

        await h.Harness.Bus.Publish(Reconciled(run));

        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(), Is.True);
        var booked = h.Harness.Published.Select<ServiceDayBooked>().First().Context.Message;
        Assert.That(
            (booked.EntryNumber, booked.AccountingId, booked.AlreadyBooked),
            Is.EqualTo(("POS-loc-1-20250314", "json:POS-loc-1-20250314", false)));
        var day = await h.World.Ledger.GetAsync(new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 14)), CancellationToken.None);
        Assert.That((day!.Status, day.AccountingId), Is.EqualTo((LedgerDay.Booked, "json:POS-loc-1-20250314")));
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.EntryNumber), Is.EqualTo((ExecutionStatus.Success, "POS-loc-1-20250314")));
        Assert.That(h.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_same_entry_delivered_twice_is_booked_once_and_the_duplicate_republishes_the_completion()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage());
        await h.World.AddConsumerAsync();
        var run = await RunAtExportAsync(h);

        await h.Harness.Bus.Publish(Reconciled(run));
        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(), Is.True);
        await h.Harness.Bus.Publish(Reconciled(run));

        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(m => m.Context.Message.AlreadyBooked), Is.True);
        Assert.That(h.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
        Assert.That(h.Harness.Published.Select<ServiceDayBooked>().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_re_import_of_an_unchanged_day_posts_nothing_and_says_so()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage());
        await h.World.AddConsumerAsync();
        await BookS01Async(h);

        var reimport = await RunAtExportAsync(h, DayTrigger.Reimport);
        await h.Harness.Bus.Publish(Reconciled(reimport));

        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(m => m.Context.Message.Run.ExecutionId == reimport.ExecutionId), Is.True);
        var execution = await h.World.Executions.GetAsync(reimport.ExecutionId, CancellationToken.None);
        Assert.That(execution!.ErrorMessage, Does.Contain("Already booked as json:POS-loc-1-20250314").And.Contain("unchanged"));
        Assert.That(h.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_re_import_of_a_changed_day_replaces_the_booked_entry_so_one_entry_stays_live()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage());
        await h.World.AddConsumerAsync();
        await BookS01Async(h);

        var reimport = await RunAtExportAsync(h, DayTrigger.Reimport);
        var changed = DayBuilder.For("2025-03-14")
            .Order("O-101", o => o.Item(2, 15.00m, 33.00m, 3.00m, 10).Pay("pm-card", 33.00m))
            .Order("O-102", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-cash", 22.00m))
            .Order("O-103", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-cash", 22.00m))
            .Build();
        await h.Harness.Bus.Publish(new ServiceDayReconciled
        {
            Run = reimport,
            Entry = Domain.Booking.BookingEngine.Book(ReferenceConfiguration.Load(), changed).Entry!,
        });

        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(m => m.Context.Message.Run.ExecutionId == reimport.ExecutionId), Is.True);
        Assert.That(h.World.BookedEntryFiles("c-brasserie").Select(Path.GetFileName), Is.EqualTo(new[] { "POS-loc-1-20250314-R1.json" }));
        var day = await h.World.Ledger.GetAsync(new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 14)), CancellationToken.None);
        Assert.That((day!.EntryNumber, day.Revision), Is.EqualTo(("POS-loc-1-20250314-R1", 1)));
    }

    [Test]
    public async Task An_unexpected_failure_faults_the_message_and_marks_the_execution_failed()
    {
        await using var h = await PipelineHarness.StartAsync(b => b.AddAccountingExportStage());
        await h.World.AddConsumerAsync();
        // The entries folder is a file: writing an entry fails with an I/O error nobody expects.
        Directory.CreateDirectory(h.World.Files.EntriesFolder);
        await File.WriteAllTextAsync(Path.Combine(h.World.Files.EntriesFolder, "c-brasserie"), "not a folder");
        var run = await RunAtExportAsync(h);

        await h.Harness.Bus.Publish(Reconciled(run));

        Assert.That(await h.Harness.Published.Any<Fault<ServiceDayReconciled>>(), Is.True);
        Assert.That(await h.Harness.GetConsumerHarness<AccountingExportFaultConsumer>().Consumed.Any<Fault<ServiceDayReconciled>>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "STAGE_FAILED")));
        Assert.That(execution.ErrorMessage, Does.Contain("IOException"));
        var day = await h.World.Ledger.GetAsync(new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 14)), CancellationToken.None);
        Assert.That(day!.ClaimOwner, Is.Null, "the claim is released so a retry can book the day");
    }
}

public class WholePipelineTests
{
    [Test]
    public async Task A_day_goes_through_all_three_stages_into_one_successful_execution()
    {
        await using var h = await PipelineHarness.StartAsync();
        await h.World.AddConsumerAsync();
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await h.Harness.Bus.Publish(new SyncServiceDay { Run = run });

        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(), Is.True);
        var execution = await h.World.Executions.GetAsync(run.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.Stage), Is.EqualTo((ExecutionStatus.Success, Stage.Export)));
        var events = await h.World.Executions.EventsAsync(run.ExecutionId, CancellationToken.None);
        Assert.That(events.Select(e => e.Stage).Distinct(), Is.EqualTo(new[] { Stage.Ingest, Stage.Reconcile, Stage.Export }));
    }

    [Test]
    public async Task A_later_run_of_a_booked_day_does_not_book_it_again()
    {
        await using var h = await PipelineHarness.StartAsync();
        await h.World.AddConsumerAsync();
        h.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        await h.Harness.Bus.Publish(new SyncServiceDay { Run = TestWorld.Run("c-brasserie", "2025-03-14") });
        Assert.That(await h.Harness.Published.Any<ServiceDayBooked>(), Is.True);

        var again = TestWorld.Run("c-brasserie", "2025-03-14", trigger: DayTrigger.Schedule);
        await h.Harness.Bus.Publish(new SyncServiceDay { Run = again });

        Assert.That(
            await h.Harness.Published.Any<ServiceDayBooked>(
                m => m.Context.Message.Run.ExecutionId == again.ExecutionId && m.Context.Message.AlreadyBooked),
            Is.True);
        var execution = await h.World.Executions.GetAsync(again.ExecutionId, CancellationToken.None);
        Assert.That((execution!.Status, execution.ErrorCode, execution.Stage), Is.EqualTo((ExecutionStatus.Success, "ALREADY_DONE", Stage.Ingest)));
        Assert.That(h.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
    }
}
