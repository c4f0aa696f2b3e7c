using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Support;

/// <summary>
/// Put in front of every in-process endpoint: once the <see cref="IntakeGate"/> is closed, a new
/// day run (SyncServiceDay) is acknowledged without running, before any stage records anything;
/// every other message (a run's next stage, a fault) goes through, so a run in hand can finish.
/// </summary>
public sealed class IntakeGateFilter(IntakeGate gate) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (!context.TryGetMessage<SyncServiceDay>(out var day))
        {
            await next.Send(context);
            return;
        }
        // Counted before the gate is read: once the wind-down has closed the gate and sees nobody
        // inside, no run can still slip past it.
        gate.Enter();
        try
        {
            if (gate.IsClosed)
            {
                // Marked consumed so the transport neither logs it as skipped nor moves it anywhere.
                await context.NotifyConsumed(day, TimeSpan.Zero, nameof(IntakeGateFilter));
                return;
            }
            await next.Send(context);
        }
        finally
        {
            gate.Leave();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("intake-gate");
}
