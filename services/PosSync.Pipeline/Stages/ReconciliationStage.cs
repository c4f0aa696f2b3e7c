using System.Text.Json.Nodes;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 2: applies the booking rules to the ingested day. A balanced entry goes on to the
/// export; a business failure (unmapped data, sum mismatch, a day still open) is recorded on the
/// execution with its code, message and details, and ends the run — it is not an exception.
/// </summary>
public sealed class ReconciliationStage(StageEntry entry, ExecutionRecorder recorder, DayLedger ledger)
    : DayStage<ServiceDayIngested>(entry, recorder, Stage.Reconcile)
{
    protected override DayRun RunOf(ServiceDayIngested message) => message.Run;

    protected override async Task WorkAsync(StageDay<ServiceDayIngested> day)
    {
        var run = day.Run;
        // Recorded with the hand-off or before the ending, in their round trip (StageDay.JudgedWith).
        day.JudgedWith(day.Config.Settings);
        var outcome = BookingEngine.Book(day.Config, day.Message.Day, run.BookingOptions());
        foreach (var warning in outcome.Warnings) await day.WarnAsync(warning.Code, warning.Message);

        switch (outcome.Status)
        {
            case BookingStatus.Booked:
                var entry = outcome.Entry!;
                await day.HandOffAsync(new ServiceDayReconciled { Run = run, Entry = entry, Warnings = outcome.Warnings, Recheck = day.Message.Recheck },
                    $"Entry {entry.Number} balances: {entry.Lines.Count} lines, {Money.Format(entry.TotalDebit)} debit = credit.",
                    new JsonObject { ["entry"] = JsonNode.Parse(BookingOutcomeJson.EntryJson(entry, indented: false)) });
                break;
            case BookingStatus.NothingToBook when run.Trigger is (DayTrigger.Reimport or DayTrigger.Recheck) && day.Ledger is { IsBooked: true } booked:
                // Booked before, nothing now (every order voided since): the replacement is no entry at all.
                var fate = run.Trigger == DayTrigger.Recheck && !day.Config.Settings.ReplaceOnDrift
                    ? "stays: the recheck reports the drift" : "is to be removed";
                await day.HandOffAsync(new ServiceDayReconciled { Run = run, Entry = null, Warnings = outcome.Warnings, Recheck = day.Message.Recheck },
                    $"{outcome.Reason!.Message} Entry {booked.EntryNumber}, booked before, {fate}.");
                break;
            case BookingStatus.NothingToBook:
                await ledger.MarkNothingToBookAsync(run.Key(), run.ExecutionId, day.Cancel);
                await day.FinishAsync(ExecutionStatus.Success, outcome.Reason!.Code, outcome.Reason.Message);
                break;
            case BookingStatus.Waiting:
                await day.FinishAsync(ExecutionStatus.Waiting, outcome.Reason!.Code, outcome.Reason.Message);
                break;
            case BookingStatus.Skipped:
                await day.FinishAsync(ExecutionStatus.Skipped, outcome.Reason!.Code, outcome.Reason.Message);
                break;
            default:
                await day.FinishAsync(ExecutionStatus.Error, outcome.Reason!.Code, outcome.Reason.Message, outcome.Reason.Details);
                break;
        }
    }
}
