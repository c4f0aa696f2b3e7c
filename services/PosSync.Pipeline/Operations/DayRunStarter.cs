using MassTransit;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// Starts a day run on behalf of the scheduler or an operator: the execution is recorded as
/// queued first — atomically refused while another run of the same day is going on — then the
/// command is published. A scheduler run twice in a row therefore publishes each due day once.
/// </summary>
public sealed class DayRunStarter(ExecutionLog executions, ExecutionRecorder recorder)
{
    /// <param name="queuesDrained">The caller saw every stage queue empty (see <see cref="RunLease.For"/>).</param>
    public async Task<StartResult> StartAsync(IPublishEndpoint bus, DayRun run, CancellationToken cancellationToken, bool queuesDrained = false)
    {
        // A stopped command starts nothing more (checked here, not half-way through the next step).
        cancellationToken.ThrowIfCancellationRequested();
        if (!await executions.TryStartAsync(run, Stage.Queued, null, cancellationToken, queuesDrained)) return StartResult.AlreadyRunning;
        try
        {
            await bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            return StartResult.Started;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped between the record and the publish: the day is left as never run, so the next
            // schedule starts it. Had the message reached the queue after all, the first stage
            // starts the run afresh (the execution is created again), so nothing is lost either way.
            await executions.WithdrawQueuedAsync(run.ExecutionId, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            // Unpublished, the run would block its day until it went stale: end it now, and say why.
            var message = $"The run could not be handed to the workers: {e.GetType().Name}: {e.Message}";
            await recorder.FinishAsync(
                run,
                new ExecutionOutcome(ExecutionStatus.Error, Stage.Queued, OutcomeCodes.NotPublished, message),
                message,
                null,
                CancellationToken.None);
            throw;
        }
    }
}
