namespace PosSync.Connectors.Http;

/// <summary>
/// Keeps one connection under its vendor's limits: at most N requests in any window of the given
/// length (an exact sliding log, not an approximation), at most <paramref name="concurrent"/> requests
/// awaiting their answer at once when the vendor limits that (Xero: 5 per tenant), and no request at
/// all while the vendor has asked to wait (Retry-After, or a rate-limit budget spent until its reset).
/// </summary>
public sealed class ConnectionRateLimiter(int permits, TimeSpan window, TimeProvider clock, int? concurrent = null)
{
    private readonly Queue<DateTimeOffset> _granted = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim? _inFlight = concurrent is { } limit ? new SemaphoreSlim(limit, limit) : null;
    private readonly object _pauseLock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Waits until one more request may be sent: a free concurrent slot first, then the window. The
    /// slot is held until the returned lease is disposed, once the answer is in; the window's permit
    /// is taken last, so the time it records is the time the request leaves.
    /// </summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_inFlight is not null) await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _inFlight?.Release();
            throw;
        }
        return new Lease(_inFlight);
    }

    private sealed class Lease(SemaphoreSlim? slot) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slot?.Release();
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                while (_granted.Count > 0 && _granted.Peek() + window <= now) _granted.Dequeue();
                var wait = TimeSpan.Zero;
                var pausedUntil = PausedUntil;
                if (pausedUntil > now) wait = pausedUntil - now;
                else if (_granted.Count >= permits) wait = _granted.Peek() + window - now;
                if (wait <= TimeSpan.Zero)
                {
                    _granted.Enqueue(now);
                    return;
                }
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The vendor said to wait: nobody on this connection calls before then.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_pauseLock)
        {
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    private DateTimeOffset PausedUntil
    {
        get { lock (_pauseLock) return _pausedUntil; }
    }
}
