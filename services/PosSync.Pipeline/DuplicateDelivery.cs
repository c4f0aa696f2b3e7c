using MassTransit;
using Microsoft.Extensions.Logging;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline;

/// <summary>
/// A message for a run that already ended is a duplicate delivery: it re-publishes the completion
/// event when the day is booked, and does nothing else (idempotency by business key, not message id).
/// </summary>
public sealed partial class DuplicateDelivery(ExecutionRecorder recorder, ExecutionLog executions, ILogger<DuplicateDelivery> logger)
{
    /// <summary>
    /// True when the run (<paramref name="execution"/>, as just read with the day's <paramref name="ledgerDay"/>)
    /// already ended and this delivery was handled as a duplicate.
    /// </summary>
    public async Task<bool> HandledAsync(ConsumeContext context, DayRun run, string stage, ExecutionRecord? execution, LedgerDay? ledgerDay)
    {
        if (execution is not { IsFinished: true }) return false;
        // Moved back from an error queue by an operator: the run carries on where it faulted.
        if (execution.ErrorCode == OutcomeCodes.StageFailed && await executions.ReopenAsync(run.ExecutionId, context.CancellationToken))
        {
            await recorder.InfoAsync(
                run,
                stage,
                "The faulted message came back from the error queue; the run carries on.",
                cancellationToken: context.CancellationToken);
            return false;
        }
        LogDuplicate(stage, execution.Status.Word);
        await RepublishIfBookedAsync(context, run, ledgerDay);
        return true;
    }

    /// <summary>Re-publishes the completion event when the day (the ledger's row, as the stage read it) is booked.</summary>
    public async Task RepublishIfBookedAsync(ConsumeContext context, DayRun run, LedgerDay? day)
    {
        if (day is { IsBooked: true })
        {
            await context.Publish(new ServiceDayBooked
            {
                Run = run,
                EntryNumber = day.EntryNumber!,
                AccountingId = day.AccountingId!,
                AlreadyBooked = true,
            }, context.CancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery at {Stage} for a run that already ended {Status}: nothing done")]
    private partial void LogDuplicate(string stage, string status);
}
