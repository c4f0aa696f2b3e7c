using PosSync.Cli.Demo;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Cli.Bench;

/// <summary>
/// The benchmark's client and its days: the demo brasserie reading a POS folder and writing JSON
/// entries, one exported day file per run (each run a day of its own, so none is "already booked"),
/// all generated before anything is timed.
/// </summary>
public sealed class BenchDays
{
    public const string ConsumerId = "c-bench";

    /// <summary>Far enough back for thousands of days before today, on two locations.</summary>
    private static readonly DateOnly FirstDay = new(2019, 1, 1);

    private readonly Queue<DayRun> _runs = new();

    private BenchDays(ConsumerConfiguration config, FloorTemplate template, long dayJsonBytes)
    {
        Config = config;
        Template = template;
        DayJsonBytes = dayJsonBytes;
    }

    public ConsumerConfiguration Config { get; }
    public FloorTemplate Template { get; }
    public long DayJsonBytes { get; }

    /// <summary>The most days one run of the benchmark may export (two locations, one day each from <see cref="FirstDay"/>).</summary>
    public static int MostDays => 2 * (DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - FirstDay.DayNumber - 2);

    public static BenchDays Export(FileConnectorOptions files, int count, int orders)
    {
        var demo = DemoWeek.Clients()[0].Config;
        var config = demo with
        {
            ConsumerId = ConsumerId,
            Pos = new Connection(FolderPosConnector.ConnectorName, ConnectionStatus.Active),
            Accounting = new Connection(JsonFileAccountingTarget.ConnectorName, ConnectionStatus.Active),
            Settings = demo.Settings with { StartDate = FirstDay },
        };
        var locations = config.Locations.Select(l => l.Id).Take(2).ToList();
        FloorTemplate? template = null;
        long bytes = 0;
        var runs = new List<DayRun>();
        for (var i = 0; i < count; i++)
        {
            var location = locations[i % locations.Count];
            var date = FirstDay.AddDays(i / locations.Count);
            var day = new DemoDayGenerator(i).Day(location, date, Menu.Brasserie, orders);
            var json = ServiceDayWriter.Write(day);
            var path = FolderPosConnector.DayPath(files.PosFolder, ConsumerId, location, date);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
            if (template is null)
            {
                var booked = BookingEngine.Book(config, day);
                if (booked.Entry is null) throw new InvalidOperationException($"The benchmark day does not book: {booked.Reason?.Message}");
                template = new FloorTemplate(day, booked.Entry);
                bytes = System.Text.Encoding.UTF8.GetByteCount(json);
            }
            runs.Add(new DayRun
            {
                ExecutionId = Guid.NewGuid(), ConsumerId = ConsumerId, LocationId = location, BusinessDate = date, Trigger = DayTrigger.Manual,
            });
        }
        var result = new BenchDays(config, template!, bytes);
        foreach (var run in runs) result._runs.Enqueue(run);
        return result;
    }

    /// <summary>The next exported day, never run before.</summary>
    public DayRun NextPipelineRun() => _runs.Dequeue();

    /// <summary>A run for the floor: any identity will do, its hops never look at it.</summary>
    public DayRun NextFloorRun() => new()
    {
        ExecutionId = Guid.NewGuid(), ConsumerId = ConsumerId, LocationId = Template.Day.LocationId, BusinessDate = Template.Day.BusinessDate,
        Trigger = DayTrigger.Manual,
    };
}
