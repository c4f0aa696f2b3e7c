using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Cli.Support;

/// <summary>
/// What a stopped command does with the runs it started in this process (the embedded transport):
/// no new run is taken; the runs a stage already took get a few seconds to finish (the stages are
/// idempotent, so one cut short is safe to run again, but a finished one needs nothing more); then
/// the runs still queued are withdrawn, so their days count as never run and the next
/// <c>possync schedule</c> starts them; a run still inside a stage when the grace is over is ended
/// error STAGE_FAILED, like a worker that died, so no run is left running for ever.
/// </summary>
public static class WindDown
{
    /// <summary>For the runs in hand: with the bus stop and the clean-up it stays within <see cref="StopSignal.Deadline"/>.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BusStop = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(IHost host, IntakeGate gate, ExecutionLog executions, IReadOnlyCollection<Guid> started, TextWriter progress)
    {
        // The command's token is cancelled: everything here runs on its own short clock.
        gate.Close();
        var clock = Stopwatch.StartNew();
        var inHand = new HashSet<Guid>(started);
        while (true)
        {
            if (gate.Inside == 0)
            {
                foreach (var id in inHand.ToList())
                    if (await executions.GetAsync(id, CancellationToken.None) is not { IsFinished: false } record || record.Stage == Stage.Queued)
                        inHand.Remove(id);
                if (inHand.Count == 0) break;
            }
            if (clock.Elapsed > Grace) break;
            await Task.Delay(Poll, CancellationToken.None);
        }
        using (var stopping = new CancellationTokenSource(BusStop))
        {
            try
            {
                await host.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // A stage still busy is ended below; the process is about to go anyway.
            }
        }
        var (finished, withdrawn, interrupted) = (0, 0, 0);
        foreach (var id in started)
        {
            var record = await executions.GetAsync(id, CancellationToken.None);
            if (record is null) continue;
            if (record.IsFinished) finished++;
            else if (await executions.WithdrawQueuedAsync(id, CancellationToken.None)) withdrawn++;
            else if (await InterruptAsync(executions, record)) interrupted++;
        }
        progress.WriteLine($"Stopped: {finished} day(s) ended, {withdrawn} not started (left as never run: run the command again to carry on)"
                           + (interrupted > 0 ? $", {interrupted} cut short at a stage (error {OutcomeCodes.Interrupted}: the next " +
                               "schedule runs them again)." : "."));
    }

    private static async Task<bool> InterruptAsync(ExecutionLog executions, ExecutionRecord record)
    {
        var message = $"possync was stopped while this run was at {record.Stage}; the next possync schedule runs the day again.";
        if (!await executions.FinishAsync(record.ExecutionId, new ExecutionOutcome(ExecutionStatus.Error, record.Stage,
            OutcomeCodes.Interrupted, message), CancellationToken.None))
            return false;
        await executions.AddEventAsync(record.ExecutionId, record.Stage, EventLevel.Error, OutcomeCodes.Interrupted, message, null,
            CancellationToken.None);
        return true;
    }
}
