namespace PosSync.Cli.Bench;

/// <summary>
/// The process's working set and managed heap, sampled every few milliseconds: their highest values
/// since the last <see cref="Restart"/>. The working set seldom shrinks once grown, so it says what
/// the process took at most; the heap falls back after each collection, so it shows what one day held.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _workingSet;
    private long _heap;

    public MemorySampler()
    {
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    public long PeakWorkingSet
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _workingSet);
        }
    }

    public long PeakHeap
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _heap);
        }
    }

    public void Restart()
    {
        Interlocked.Exchange(ref _workingSet, Environment.WorkingSet);
        Interlocked.Exchange(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private void Sample()
    {
        Raise(ref _workingSet, Environment.WorkingSet);
        Raise(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}
