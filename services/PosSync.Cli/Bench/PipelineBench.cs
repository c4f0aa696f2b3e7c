using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PosSync.Cli.Support;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Pipeline;
using PosSync.Pipeline.Measuring;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;
using PosSync.Storage;
using PosSync.Storage.Counting;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Bench;

/// <summary>
/// possync bench pipeline: in one process, the real three stages (SQLite in a temporary folder,
/// the folder POS, the JSON-file target) and a floor of three hops that only pass the same
/// messages on, over the configured transport, in alternating rounds so the machine's load falls
/// on both alike. Each side has its own queues and exchanges, deleted at the end with the folder.
/// </summary>
public static class PipelineBench
{
    public static async Task<PipelineBenchResult> RunAsync(PipelineBenchSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var prefix = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var files = new FileConnectorOptions
        {
            PosFolder = Path.Combine(folder, "pos"), EntriesFolder = Path.Combine(folder, "accounting"), FecFolder = Path.Combine(folder, "fec"),
        };
        var counter = new StatementCounter();
        var pipelineNames = new BenchEntityNames();
        var floorNames = new BenchEntityNames();
        var messaging = OptionsCheck.Bind<MessagingOptions>(CliServices.Configuration(null), MessagingOptions.Section);
        IHost? pipelineHost = null, floorHost = null;
        var started = false;
        try
        {
            var days = BenchDays.Export(files, settings.PipelineDays, settings.Orders);
            pipelineHost = BuildPipeline(folder, files, prefix, counter, pipelineNames);
            floorHost = BuildFloor(prefix, days.Template, floorNames);
            await StartAsync(pipelineHost, cancellationToken);
            started = true;
            await StartAsync(floorHost, cancellationToken);
            await pipelineHost.Services.GetRequiredService<ConsumerStore>().SaveAsync(days.Config, cancellationToken);
            var log = pipelineHost.Services.GetRequiredService<ExecutionLog>();
            var pipeline = new BenchSide("pipeline", pipelineHost, pipelineHost.Services.GetRequiredService<FinishLine>(), days.NextPipelineRun,
                (runs, cancel) => ExplainAsync(log, runs, cancel));
            var floor = new BenchSide("floor", floorHost, floorHost.Services.GetRequiredService<FinishLine>(), days.NextFloorRun,
                (runs, _) => Task.FromResult($"{runs.Count} days sent, none of them touch the database: is the broker overloaded?"));
            return await MeasureAsync(settings, messaging.Transport.ToString(), days.DayJsonBytes, pipeline, floor, counter, cancellationToken);
        }
        finally
        {
            // Stopped by a signal, the hosts get a moment, not the workers' patience.
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(cancellationToken.IsCancellationRequested ? 2 : 30));
            foreach (var host in new[] { pipelineHost, floorHost })
            {
                if (host is null) continue;
                try
                {
                    await host.StopAsync(limit.Token);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    // Winding down past its moment: the folder and queues are cleaned up anyway.
                }
                host.Dispose();
            }
            if (messaging.Transport == MessagingTransport.RabbitMq && started)
                await BenchBrokerCleanup.DeleteAsync(messaging, [pipelineNames, floorNames], limit.Token);
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<PipelineBenchResult> MeasureAsync(PipelineBenchSettings settings, string transport, long dayJsonBytes,
        BenchSide pipeline, BenchSide floor, StatementCounter counter, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(60 + 2.0 * settings.Days * Math.Max(1, settings.Orders / 100.0));
        // A first day on each side compiles and pools what later days find ready.
        await pipeline.RunAsync(1, limit, cancellationToken);
        await floor.RunAsync(1, limit, cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var idle = Environment.WorkingSet;
        using var memory = new MemorySampler();

        // One day at a time on an idle bus: the latency of a day alone, the heap it held above the idle heap,
        // and where its time went (each hop's clock, each stage's time in the database).
        pipeline.Times.Restart();
        floor.Times.Restart();
        var pipelineLatencies = new List<TimeSpan>();
        var floorLatencies = new List<TimeSpan>();
        var databaseTimes = PipelineBenchResult.Stages.ToDictionary(s => s, _ => new List<TimeSpan>());
        long pipelineDayHeap = 0, floorDayHeap = 0;
        for (var sample = 0; sample < settings.LatencySamples; sample++)
        {
            counter.Reset();
            var (latency, heap) = await OneDayAsync(pipeline, memory, limit, cancellationToken);
            var database = counter.Snapshot();
            foreach (var stage in PipelineBenchResult.Stages) databaseTimes[stage].Add(database.TimeIn(stage));
            pipelineLatencies.Add(latency);
            pipelineDayHeap = Math.Max(pipelineDayHeap, heap);
            (latency, heap) = await OneDayAsync(floor, memory, limit, cancellationToken);
            floorLatencies.Add(latency);
            floorDayHeap = Math.Max(floorDayHeap, heap);
        }

        var pipelineHops = pipeline.Times.Stop();
        var floorHops = floor.Times.Stop();
        counter.Reset();
        TimeSpan pipelineTime = TimeSpan.Zero, floorTime = TimeSpan.Zero;
        long pipelinePeak = idle, floorPeak = idle;
        var roundRatios = new List<double>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            memory.Restart();
            var pipelineRound = await pipeline.RunAsync(settings.Days, limit, cancellationToken);
            pipelinePeak = Math.Max(pipelinePeak, memory.PeakWorkingSet);
            memory.Restart();
            var floorRound = await floor.RunAsync(settings.Days, limit, cancellationToken);
            floorPeak = Math.Max(floorPeak, memory.PeakWorkingSet);
            pipelineTime += pipelineRound;
            floorTime += floorRound;
            roundRatios.Add(floorRound / pipelineRound);
        }
        var counts = counter.Snapshot();
        var measuredDays = (double)settings.Days * settings.Rounds;

        return new PipelineBenchResult
        {
            Settings = settings,
            Transport = transport,
            PipelineDaysPerSecond = measuredDays / pipelineTime.TotalSeconds,
            FloorDaysPerSecond = measuredDays / floorTime.TotalSeconds,
            LowestRoundRatio = roundRatios.Min(),
            HighestRoundRatio = roundRatios.Max(),
            PipelineLatency = StageTimes.MedianOf(pipelineLatencies),
            FloorLatency = StageTimes.MedianOf(floorLatencies),
            StatementsPerStage = PipelineBenchResult.Stages.ToDictionary(s => s, s => counts.StatementsIn(s) / measuredDays),
            PragmasPerDay = counts.TotalPragmas / measuredDays,
            PipelineHops = pipelineHops,
            FloorHops = floorHops,
            DatabaseTimePerStage = databaseTimes.ToDictionary(t => t.Key, t => StageTimes.MedianOf(t.Value)),
            DayJsonBytes = dayJsonBytes,
            IdleWorkingSet = idle,
            PipelineDayHeap = pipelineDayHeap,
            FloorDayHeap = floorDayHeap,
            PipelinePeakWorkingSet = pipelinePeak,
            FloorPeakWorkingSet = floorPeak,
        };
    }

    private static async Task<(TimeSpan Latency, long Heap)> OneDayAsync(BenchSide side, MemorySampler memory, TimeSpan limit,
        CancellationToken cancellationToken)
    {
        var idleHeap = GC.GetTotalMemory(forceFullCollection: true);
        memory.Restart();
        var latency = await side.RunAsync(1, limit, cancellationToken);
        return (latency, Math.Max(0, memory.PeakHeap - idleHeap));
    }

    private static async Task<string> ExplainAsync(ExecutionLog log, IReadOnlyList<DayRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            var execution = await log.GetAsync(run.ExecutionId, cancellationToken);
            if (execution is null) continue;
            if (execution.IsFinished && execution.Status != ExecutionStatus.Success)
                return $"{run.BusinessDate:yyyy-MM-dd} of {run.LocationId} ended {execution.Status} {execution.ErrorCode}: {execution.ErrorMessage}";
        }
        return "no day ended in error: the machine is too busy for this many days per round (try fewer with --days)";
    }

    internal static IHost BuildPipeline(string folder, FileConnectorOptions files, string prefix, StatementCounter counter, BenchEntityNames names)
    {
        var times = new StageTimes();
        var builder = NewBuilder(new Dictionary<string, string?>
        {
            ["Messaging:EndpointPrefix"] = prefix + "-pipeline",
            ["Storage:Engine"] = nameof(StorageEngine.Sqlite),
            ["Storage:ConnectionString"] = "",
            ["Storage:DataDirectory"] = folder,
            ["Storage:MigrateOnStart"] = "true",
            ["Connectors:PosFolder"] = files.PosFolder,
            ["Connectors:EntriesFolder"] = files.EntriesFolder,
            ["Connectors:FecFolder"] = files.FecFolder,
        });
        builder.AddPosSyncDefaults("possync-bench-pipeline", bus =>
        {
            bus.AddAllStages().CountStatementsByStage();
            bus.AddConsumer<FinishLineConsumer>();
            bus.AddConfigureEndpointsCallback((_, queue, _) => names.AddQueue(queue));
            ClockEndpoints(bus, times);
        }, names.Apply);
        var storage = OptionsCheck.Bind<StorageOptions>(builder.Configuration, StorageOptions.Section);
        builder.Services.Replace(ServiceDescriptor.Singleton(storage.CreateDatabase().CountingStatements(counter)));
        builder.Services.AddSingleton<FinishLine>();
        builder.Services.AddSingleton(times);
        return builder.Build();
    }

    /// <summary>Both sides' endpoints alike: the clock of each hop, outside whatever the endpoint holds.</summary>
    private static void ClockEndpoints(IBusRegistrationConfigurator bus, StageTimes times) =>
        bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseFilter(new StageClock(times)));

    private static IHost BuildFloor(string prefix, FloorTemplate template, BenchEntityNames names)
    {
        var builder = NewBuilder(new Dictionary<string, string?> { ["Messaging:EndpointPrefix"] = prefix + "-floor" });
        var messaging = OptionsCheck.Bind<MessagingOptions>(builder.Configuration, MessagingOptions.Section);
        builder.Services.AddSingleton(messaging);
        builder.Services.AddSingleton(template);
        builder.Services.AddSingleton<FinishLine>();
        var times = new StageTimes();
        builder.Services.AddSingleton(times);
        builder.Services.AddSingleton(new TransientRetry(TimeSpan.FromSeconds(messaging.RetryPatienceSeconds)));
        builder.Services.AddPosSyncBus(messaging, bus =>
        {
            bus.AddConsumer<FloorIngest, FloorHopDefinition<FloorIngest>>();
            bus.AddConsumer<FloorReconcile, FloorHopDefinition<FloorReconcile>>();
            bus.AddConsumer<FloorExport, FloorHopDefinition<FloorExport>>();
            bus.AddConsumer<FinishLineConsumer>();
            bus.AddConfigureEndpointsCallback((_, queue, _) => names.AddQueue(queue));
            ClockEndpoints(bus, times);
        }, names.Apply);
        // The same tracing and metrics as the stages' host: only the stages' own work differs.
        builder.AddPosSyncTelemetry("possync-bench-floor");
        return builder.Build();
    }

    /// <summary>The command's configuration (the broker to use), with the benchmark's own queues, folder and quiet logs.</summary>
    private static HostApplicationBuilder NewBuilder(Dictionary<string, string?> values)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(CliServices.Configuration(null));
        values["Messaging:TemporaryQueues"] = "true";
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("PosSync", LogLevel.Error)
            .AddFilter("MassTransit", LogLevel.Error).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // The figures (text or JSON) are the output: whatever is logged goes to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        return builder;
    }

    /// <summary>A broker that cannot be reached is said in one line naming it, as the other commands do.</summary>
    internal static async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (BrokerUnreachable.IsConnectionFailure(e))
        {
            throw new OperationRefusedException(BrokerUnreachable.DescribeForCommand(e, host.Services.GetRequiredService<MessagingOptions>()));
        }
    }
}
