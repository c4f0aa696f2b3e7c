using System.Collections.Concurrent;

namespace PosSync.Sandbox;

/// <summary>Every request the sandboxes answered, in order.</summary>
public sealed class RequestJournal
{
    public const string ArrivedKey = "possync.sandbox.arrived";

    private readonly ConcurrentQueue<SandboxRequest> _requests = new();

    public void Add(SandboxRequest request) => _requests.Enqueue(request);

    public IReadOnlyList<SandboxRequest> All(string? vendor = null) => _requests.Where(r => vendor is null || r.Vendor == vendor).ToList();

    /// <summary>The most requests one access token made in any window of the given length.</summary>
    public int BusiestWindow(string vendor, TimeSpan window)
    {
        var busiest = 0;
        foreach (var byToken in All(vendor).Where(r => r.AccessToken is not null).GroupBy(r => r.AccessToken))
        {
            var times = byToken.Select(r => r.At).Order().ToList();
            var start = 0;
            for (var end = 0; end < times.Count; end++)
            {
                while (times[end] - times[start] >= window) start++;
                busiest = Math.Max(busiest, end - start + 1);
            }
        }
        return busiest;
    }
}
