using MassTransit;
using PosSync.Connectors.Recording;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// An unexpected failure that survived the brief retries faults the message to the stage's _error
/// queue; this records it once on the execution, so support sees the day as failed and why.
/// </summary>
public abstract class StageFaultConsumer<TMessage>(ExecutionRecorder recorder, string stage, Func<TMessage, DayRun> run)
    : IConsumer<Fault<TMessage>> where TMessage : class
{
    public async Task Consume(ConsumeContext<Fault<TMessage>> context)
    {
        var dayRun = run(context.Message.Message);
        var exception = context.Message.Exceptions.FirstOrDefault();
        var what = exception is null ? "an unknown error" : $"{exception.ExceptionType}: {SecretRedactor.Text(exception.Message)}";
        var message = $"The {stage} stage failed after its retries with {what}. The message is in the {stage} error queue; retry the day once the cause is fixed.";
        using var scope = recorder.Scope(dayRun, stage);
        await recorder.FinishAsync(dayRun, new ExecutionOutcome(ExecutionStatus.Error, stage, OutcomeCodes.StageFailed, message), message, null, context.CancellationToken);
    }
}

public sealed class PosIngestFaultConsumer(ExecutionRecorder recorder)
    : StageFaultConsumer<SyncServiceDay>(recorder, Stage.Ingest, m => m.Run);

public sealed class ReconciliationFaultConsumer(ExecutionRecorder recorder)
    : StageFaultConsumer<ServiceDayIngested>(recorder, Stage.Reconcile, m => m.Run);

public sealed class AccountingExportFaultConsumer(ExecutionRecorder recorder)
    : StageFaultConsumer<ServiceDayReconciled>(recorder, Stage.Export, m => m.Run);
