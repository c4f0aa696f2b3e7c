namespace PosSync.Sandbox;

/// <summary>
/// A vendor's rate limit as a sliding window per access token: at most <see cref="Limit"/> requests
/// in any <see cref="Window"/>. Every sandbox that limits calls counts them here, so each vendor only
/// decides how its answers say it (Pennylane's ratelimit-* headers, Square's RATE_LIMITED envelope).
/// </summary>
public sealed class RequestBudget(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private int _refused;

    public int Limit { get; set; } = limit;
    public TimeSpan Window { get; set; } = window;

    /// <summary>Requests refused because their token had spent its window.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <param name="Remaining">Requests left in the window after this one.</param>
    /// <param name="Reset">When the oldest request of the window leaves it.</param>
    /// <param name="RetryAfter">For a refused request: how long until one is admitted again.</param>
    public sealed record Verdict(bool Admitted, int Remaining, DateTimeOffset Reset, TimeSpan RetryAfter);

    /// <summary>Counts one request of <paramref name="key"/> (an access token) arriving at <paramref name="at"/>, or refuses it.</summary>
    public Verdict Spend(string key, DateTimeOffset at)
    {
        lock (_windows)
        {
            if (!_windows.TryGetValue(key, out var requests)) _windows[key] = requests = new Queue<DateTimeOffset>();
            var now = clock.GetUtcNow();
            while (requests.Count > 0 && requests.Peek() + Window <= now) requests.Dequeue();
            var reset = requests.Count > 0 ? requests.Peek() + Window : now + Window;
            if (requests.Count >= Limit)
            {
                Interlocked.Increment(ref _refused);
                return new Verdict(false, 0, reset, reset - now);
            }
            requests.Enqueue(at);
            return new Verdict(true, Limit - requests.Count, reset, TimeSpan.Zero);
        }
    }
}
