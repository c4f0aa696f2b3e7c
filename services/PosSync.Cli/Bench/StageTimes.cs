namespace PosSync.Cli.Bench;

/// <summary>
/// Where one side's days spend their time, hop by hop: waiting (from the message being sent to its
/// endpoint taking it: the transport, the message's serialisation both ways, any queue) and in the
/// endpoint (the stage with its frame and the publish it holds back until done), day by day;
/// <see cref="StageClock"/> writes it.
/// </summary>
public sealed class StageTimes
{
    /// <summary>The last hop of both sides, after the export: the finish line taking the booked day.</summary>
    public const string Finish = "finish";

    public static readonly IReadOnlyList<string> Hops = [.. PipelineBenchResult.Stages, Finish];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<HopTime>> _hops = new(StringComparer.Ordinal);
    private bool _recording;

    public void Add(string hop, TimeSpan waiting, TimeSpan inEndpoint)
    {
        lock (_gate)
        {
            if (!_recording) return;
            if (!_hops.TryGetValue(hop, out var times)) _hops[hop] = times = [];
            times.Add(new HopTime(waiting, inEndpoint));
        }
    }

    /// <summary>Forgets what was recorded and records from now on (the warm-up day is not measured).</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _hops.Clear();
            _recording = true;
        }
    }

    /// <summary>
    /// Stops recording: each hop's median times over the days recorded (a burst of load on one day
    /// does not make the hop's figure), so the hops do not quite add up to the median day.
    /// </summary>
    public IReadOnlyDictionary<string, HopTime> Stop()
    {
        lock (_gate)
        {
            _recording = false;
            return Hops.ToDictionary(h => h, h => _hops.TryGetValue(h, out var times)
                ? new HopTime(MedianOf(times.Select(t => t.Waiting)), MedianOf(times.Select(t => t.InEndpoint)))
                : default);
        }
    }

    public static TimeSpan MedianOf(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return TimeSpan.Zero;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>One hop's time for a day: waiting for its endpoint, then in it.</summary>
public readonly record struct HopTime(TimeSpan Waiting, TimeSpan InEndpoint);
