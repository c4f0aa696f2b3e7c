using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox;

/// <summary>
/// Per route, a queue of faults for the next requests, scripted by a test (or the control API):
/// "the next 3 sales-daily calls answer 503", "the next POST stores the entry and answers 502".
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _queues = new(StringComparer.Ordinal);

    public void Next(string route, Fault fault, int times = 1)
    {
        var queue = _queues.GetOrAdd(route, _ => new ConcurrentQueue<Fault>());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    public Fault? Take(string route) => _queues.TryGetValue(route, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    public void Clear() => _queues.Clear();

    /// <summary>
    /// Applies a fault that needs no work done first; true when the response is settled. A vendor
    /// with its own 429 body (<paramref name="rateLimited"/>) answers a scripted 429 with it.
    /// </summary>
    public static async Task<bool> ApplyBeforeAsync(Fault? fault, HttpContext http, Func<int, string, IResult> error,
        Func<TimeSpan, IResult>? rateLimited = null)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await error(fault.Status, fault.Message ?? $"Sandbox fault {fault.Status}").ExecuteAsync(http);
                return true;
            case FaultKind.TooManyRequests when rateLimited is not null:
                await rateLimited(TimeSpan.FromSeconds(fault.RetryAfterSeconds)).ExecuteAsync(http);
                return true;
            case FaultKind.TooManyRequests:
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString();
                http.Response.StatusCode = 429;
                await http.Response.WriteAsync($"Rate limit exceeded. Please retry in {fault.RetryAfterSeconds} seconds.");
                return true;
            case FaultKind.Slow:
                await Task.Delay(fault.Delay, http.RequestAborted).ContinueWith(_ => { });
                return false;
            case FaultKind.Drop:
                http.Abort();
                return true;
            case FaultKind.Garbage:
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("{\"unexpected\": [1, 2, \"three\"], \"sales\": \"not a list\"");
                return true;
            default:
                return false;
        }
    }
}
