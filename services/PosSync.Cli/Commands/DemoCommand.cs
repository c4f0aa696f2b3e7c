using System.CommandLine;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosSync.Cli.Demo;
using PosSync.Cli.Output;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Pipeline;
using PosSync.ServiceDefaults;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync demo: the three workers in one process on the embedded default (in-memory transport,
/// SQLite under --data), a realistic week for two clients pushed through, and the table of what
/// happened to every day.
/// </summary>
public static class DemoCommand
{
    private const string Marker = ".possync-demo";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (SQLite database, POS exports, booked entries)", DefaultValueFactory = _ => ".possync" };
        var transport = new Option<MessagingTransport>("--transport") { Description = "inmemory (default) or rabbitmq", DefaultValueFactory = _ => MessagingTransport.InMemory };
        var host = new Option<string>("--rabbitmq-host") { Description = "RabbitMQ host when --transport rabbitmq", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--rabbitmq-port") { Description = "RabbitMQ port when --transport rabbitmq", DefaultValueFactory = _ => 5672 };
        var command = new Command("demo", "Run the whole pipeline on a demo week and print what happened to every day") { data, transport, host, port };
        command.SetAction((result, cancel) => RunAsync(result.GetValue(data)!, result.GetValue(transport), result.GetValue(host)!, result.GetValue(port), Console.Out, cancel));
        return command;
    }

    public static async Task<int> RunAsync(string dataDirectory, MessagingTransport transport, string rabbitHost, int rabbitPort, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (!PrepareFolder(folder, output)) return 1;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = transport.ToString(),
            ["Messaging:RabbitMq:Host"] = rabbitHost,
            ["Messaging:RabbitMq:Port"] = rabbitPort.ToString(),
            // A shared broker may carry other runs: the demo's queues are its own and go away with it.
            ["Messaging:EndpointPrefix"] = transport == MessagingTransport.RabbitMq ? $"demo-{Guid.NewGuid():N}"[..13] : "",
            ["Messaging:TemporaryQueues"] = (transport == MessagingTransport.RabbitMq).ToString(),
            ["Storage:DataDirectory"] = folder,
        });
        builder.Logging.ClearProviders();
        // The table tells each day's story; the console only shows what went wrong with PosSync itself.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("PosSync", LogLevel.Error);
        builder.AddPosSyncDefaults("possync-demo", bus => bus.AddAllStages());
        using var host = builder.Build();

        output.WriteLine($"PosSync demo: {transport} transport, data in {folder}");
        await host.StartAsync(cancellationToken);
        try
        {
            var services = host.Services;
            var files = services.GetRequiredService<FileConnectorOptions>();
            var consumers = services.GetRequiredService<ConsumerStore>();
            var configFolder = Path.Combine(folder, "consumers");
            Directory.CreateDirectory(configFolder);
            foreach (var consumer in DemoWeek.Consumers())
            {
                await consumers.SaveAsync(consumer, cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(configFolder, consumer.ConsumerId + ".json"), ConsumerConfigurationWriter.Write(consumer, indented: true), cancellationToken);
            }
            var days = DemoWeek.Days();
            foreach (var day in days.Where(d => d.Day is not null))
            {
                var path = FolderPosConnector.DayPath(files.PosFolder, day.ConsumerId, day.LocationId, day.Date);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, ServiceDayWriter.Write(day.Day!), cancellationToken);
            }

            var bus = services.GetRequiredService<IBus>();
            var runs = days.Select(d => new DayRun
            {
                ExecutionId = NewId.NextGuid(), ConsumerId = d.ConsumerId, LocationId = d.LocationId, BusinessDate = d.Date, Trigger = DayTrigger.Manual,
            }).ToList();
            foreach (var run in runs) await bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            output.WriteLine($"Published {runs.Count} service days of {DemoWeek.Consumers().Count} clients; waiting for the pipeline...");

            var executions = services.GetRequiredService<ExecutionLog>();
            var finished = await WaitAsync(executions, runs, output, TimeSpan.FromMinutes(3), cancellationToken);
            Print(finished, output);
            output.WriteLine();
            output.WriteLine($"Booked entries: {files.EntriesFolder}");
            output.WriteLine($"Execution log:  {Path.Combine(folder, "possync.db")} (tables executions, execution_events, requests)");
            if (finished.FirstOrDefault(e => e.Status == ExecutionStatus.Error) is { } failed)
            {
                var dayFile = FolderPosConnector.DayPath(files.PosFolder, failed.ConsumerId, failed.LocationId, failed.BusinessDate);
                output.WriteLine($"Look closer at a failed day: possync preview --config {Path.Combine(configFolder, failed.ConsumerId + ".json")} --day {dayFile}");
            }
            return finished.All(e => e.IsFinished) ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The demo starts clean, but never wipes a folder it did not create.</summary>
    private static bool PrepareFolder(string folder, TextWriter output)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!File.Exists(Path.Combine(folder, Marker)))
            {
                output.WriteLine($"error: {folder} is not empty and was not made by possync demo; pass --data with an empty or demo folder.");
                return false;
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Marker), "Made by possync demo; the next demo run clears this folder.\n");
        return true;
    }

    private static async Task<List<ExecutionRecord>> WaitAsync(ExecutionLog executions, IReadOnlyList<DayRun> runs, TextWriter output, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        var reported = -1;
        while (true)
        {
            var records = new List<ExecutionRecord>();
            foreach (var run in runs)
            {
                var record = await executions.GetAsync(run.ExecutionId, cancellationToken);
                records.Add(record ?? new ExecutionRecord { ExecutionId = run.ExecutionId, ConsumerId = run.ConsumerId, LocationId = run.LocationId, BusinessDate = run.BusinessDate, Status = ExecutionStatus.Running });
            }
            var done = records.Count(r => r.IsFinished);
            if (done != reported)
            {
                output.WriteLine($"  {done}/{runs.Count} days done");
                reported = done;
            }
            if (done == runs.Count || DateTime.UtcNow > deadline) return records;
            await Task.Delay(250, cancellationToken);
        }
    }

    private static void Print(IEnumerable<ExecutionRecord> executions, TextWriter output)
    {
        var table = new Table("consumer", "location", "day", "status", "entry", "error");
        foreach (var e in executions.OrderBy(e => e.ConsumerId).ThenBy(e => e.LocationId).ThenBy(e => e.BusinessDate))
        {
            var problem = e.Status is ExecutionStatus.Success ? null : $"{e.ErrorCode} {e.ErrorMessage}".Trim();
            table.Row(e.ConsumerId, e.LocationId, e.BusinessDate.ToString("yyyy-MM-dd"), e.Status, e.EntryNumber, problem);
        }
        output.WriteLine();
        table.WriteTo(output, maxCellWidth: 90);
    }
}
