namespace PosSync.Cli.Support;

/// <summary>
/// Whether the in-process pipeline still takes new day runs. Closed when the command is stopped:
/// runs a stage already took go on to their end, runs still waiting in the in-memory queue are
/// dropped unread (their queued execution is withdrawn afterwards, so the day counts as never run).
/// </summary>
public sealed class IntakeGate
{
    private int _inside;
    private volatile bool _closed;

    public bool IsClosed => _closed;

    /// <summary>Runs that passed the gate and whose first stage has not returned yet.</summary>
    public int Inside => Volatile.Read(ref _inside);

    public void Close() => _closed = true;

    public void Enter() => Interlocked.Increment(ref _inside);

    public void Leave() => Interlocked.Decrement(ref _inside);
}
