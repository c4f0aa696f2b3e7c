using System.Collections.Concurrent;

namespace PosSync.Connectors.Http;

/// <summary>One limiter per connection (vendor and consumer), shared by every call in the process.</summary>
public sealed class RateLimiters(TimeProvider clock)
{
    /// <summary>
    /// Requests spaced exactly one window apart can arrive closer than that (network jitter):
    /// a little slack keeps the vendor's own count under its limit.
    /// </summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, ConnectionRateLimiter> _limiters = new(StringComparer.Ordinal);

    public ConnectionRateLimiter For(string connector, string consumerId, VendorEndpointOptions options) =>
        _limiters.GetOrAdd($"{connector}/{consumerId}", _ => 
            new ConnectionRateLimiter(options.RequestsPerWindow, TimeSpan.FromSeconds(options.WindowSeconds) + Slack, clock,
                options.ConcurrentRequests));
}
