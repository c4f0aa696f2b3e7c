using MassTransit;
using PosSync.Contracts;
using PosSync.Storage.Counting;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Measuring;

/// <summary>
/// Put in front of every endpoint of a bus whose database counts statements
/// (<see cref="PosSync.Storage.Database.CountingStatements"/>): what a stage's message makes the
/// stage send to the database counts under that stage. It sits outside the stages, so it measures
/// them as they are, whatever frame they share.
/// </summary>
public sealed class StageStatementScope : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        using var scope = StageOf(context) is { } stage ? StatementCounter.Within(stage) : null;
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("stage-statement-scope");

    /// <summary>The stage a message is the work of, by its type; null for anything else (faults, other consumers).</summary>
    public static string? StageOf(ConsumeContext context) =>
        context.TryGetMessage<SyncServiceDay>(out _) ? Stage.Ingest
        : context.TryGetMessage<ServiceDayIngested>(out _) ? Stage.Reconcile
        : context.TryGetMessage<ServiceDayReconciled>(out _) ? Stage.Export
        : null;
}
