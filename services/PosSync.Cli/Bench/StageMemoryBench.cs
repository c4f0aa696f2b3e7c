using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosSync.Cli.Demo;
using PosSync.Cli.Support;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;
using PosSync.Storage;
using PosSync.Storage.Counting;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Bench;

/// <summary>
/// possync bench day --stages: one day of each size through the real three stages (the folder POS,
/// SQLite, the JSON-file target, the configured transport), one stage at a time, and each stage's
/// highest managed heap above the idle heap ÷ the day's JSON size (<see cref="StageMemoryProbe"/>).
/// </summary>
public static class StageMemoryBench
{
    /// <summary>A small day first: what compiles and pools once is not a stage's memory.</summary>
    private const int WarmUpOrders = 100;

    public static async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, double>>> RunAsync(IReadOnlyList<int> sizes,
        CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var files = new FileConnectorOptions
        {
            PosFolder = Path.Combine(folder, "pos"), EntriesFolder = Path.Combine(folder, "accounting"), FecFolder = Path.Combine(folder, "fec"),
        };
        var names = new BenchEntityNames();
        var messaging = OptionsCheck.Bind<MessagingOptions>(CliServices.Configuration(null), MessagingOptions.Section);
        IHost? host = null;
        try
        {
            var days = BenchDays.Export(files, 1, WarmUpOrders);
            host = PipelineBench.BuildPipeline(folder, files, "bench-" + Guid.NewGuid().ToString("N")[..8], new StatementCounter(), names);
            await PipelineBench.StartAsync(host, cancellationToken);
            await host.Services.GetRequiredService<ConsumerStore>().SaveAsync(days.Config, cancellationToken);
            var finish = host.Services.GetRequiredService<FinishLine>();
            await RunDayAsync(host, finish, days.NextPipelineRun(), cancellationToken);

            var results = new Dictionary<int, IReadOnlyDictionary<string, double>>();
            var location = days.Config.Locations[0].Id;
            for (var i = 0; i < sizes.Count; i++)
            {
                // Two days of each size: the first warms the pools a worker keeps from one day to the next, the second is measured.
                var warm = await ExportAsync(files, location, new DateOnly(2020, 1, 1).AddDays(2 * i), sizes[i], cancellationToken);
                await RunDayAsync(host, finish, warm.Run, cancellationToken);
                var measured = await ExportAsync(files, location, new DateOnly(2020, 1, 1).AddDays(2 * i + 1), sizes[i], cancellationToken);
                using var memory = new MemorySampler();
                var probe = new StageMemoryProbe(memory);
                var observing = host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(probe);
                try
                {
                    await RunDayAsync(host, finish, measured.Run, cancellationToken);
                }
                finally
                {
                    observing.Disconnect();
                }
                results[sizes[i]] = StageMemoryProbe.StageNames.ToDictionary(s => s, s => probe.AboveIdle[s] / (double)measured.JsonBytes);
            }
            return results;
        }
        finally
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(cancellationToken.IsCancellationRequested ? 2 : 30));
            if (host is not null)
            {
                try
                {
                    await host.StopAsync(limit.Token);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    // Winding down past its moment: the folder and queues are cleaned up anyway.
                }
                host.Dispose();
                if (messaging.Transport == MessagingTransport.RabbitMq)
                    await BenchBrokerCleanup.DeleteAsync(messaging, [names], limit.Token);
            }
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A demo day of <paramref name="orders"/> orders in the POS folder, and its run.</summary>
    private static async Task<(DayRun Run, long JsonBytes)> ExportAsync(FileConnectorOptions files, string location, DateOnly date, int orders,
        CancellationToken cancellationToken)
    {
        var path = FolderPosConnector.DayPath(files.PosFolder, BenchDays.ConsumerId, location, date);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = ServiceDayWriter.WriteUtf8(new DemoDayGenerator(date.DayNumber).Day(location, date, Menu.Brasserie, orders));
        await File.WriteAllBytesAsync(path, json, cancellationToken);
        var run = new DayRun
        {
            ExecutionId = Guid.NewGuid(), ConsumerId = BenchDays.ConsumerId, LocationId = location, BusinessDate = date, Trigger = DayTrigger.Manual,
        };
        return (run, json.Length);
    }

    private static async Task RunDayAsync(IHost host, FinishLine finish, DayRun run, CancellationToken cancellationToken)
    {
        var booked = finish.Expect(run.ExecutionId);
        await host.Services.GetRequiredService<IBus>().Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var log = host.Services.GetRequiredService<ExecutionLog>();
        // A day that ends short of booked never reaches the finish line: its execution says why.
        while (!booked.IsCompleted)
        {
            await Task.WhenAny(booked, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!booked.IsCompleted && await log.GetAsync(run.ExecutionId, cancellationToken) is { IsFinished: true } ended)
                throw new OperationRefusedException(
                    $"the {run.BusinessDate:yyyy-MM-dd} benchmark day ended {ended.Status} {ended.ErrorCode}: {ended.ErrorMessage}");
        }
    }
}
