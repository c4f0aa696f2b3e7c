using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>
/// One side of the benchmark (the pipeline, or the floor of hops doing nothing): its host, the
/// runs it takes, where its days spend their time, and what to say when its days do not all arrive.
/// </summary>
public sealed class BenchSide(string name, IHost host, FinishLine finish, Func<DayRun> nextRun,
    Func<IReadOnlyList<DayRun>, CancellationToken, Task<string>> explainMissing)
{
    public string Name => name;
    public IHost Host => host;
    public StageTimes Times => host.Services.GetRequiredService<StageTimes>();

    /// <summary>Publishes <paramref name="days"/> runs at once and waits for every one to be booked: the time it took.</summary>
    public async Task<TimeSpan> RunAsync(int days, TimeSpan limit, CancellationToken cancellationToken)
    {
        var runs = Enumerable.Range(0, days).Select(_ => nextRun()).ToList();
        var arrived = runs.Select(r => finish.Expect(r.ExecutionId)).ToList();
        var bus = host.Services.GetRequiredService<IBus>();
        var watch = Stopwatch.StartNew();
        foreach (var run in runs) await bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        try
        {
            await Task.WhenAll(arrived).WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new Pipeline.Operations.OperationRefusedException(
                $"the {name}'s days were not all booked within {limit.TotalSeconds:0} s: {await explainMissing(runs, CancellationToken.None)}");
        }
        return watch.Elapsed;
    }
}
