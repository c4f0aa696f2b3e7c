using System.Diagnostics;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Recording;

/// <summary>
/// Writes one row of the transaction table for every connector call, with its duration and
/// outcome, and wraps it in a "PosSync" span. URLs and errors are redacted before they are stored. A call made for a
/// stage is held with the stage (<see cref="ConnectorContext.Requests"/>) and written with its next execution-log write.
/// </summary>
public sealed class RequestRecorder(RequestLog requests, TimeProvider clock)
{
    public static readonly ActivitySource Source = new("PosSync");

    public async Task RecordAsync(ConnectorContext context, string connector, string operation, string method, string url,
        int? statusCode, TimeSpan duration, string? error, CancellationToken cancellationToken)
    {
        var row = new RequestRecord
        {
            ConsumerId = context.ConsumerId,
            ExecutionId = context.ExecutionId,
            Connector = connector,
            Operation = operation,
            Method = method,
            Url = SecretRedactor.Url(url),
            StatusCode = statusCode,
            DurationMs = (long)duration.TotalMilliseconds,
            Error = error is null ? null : SecretRedactor.Text(error),
            At = clock.GetUtcNow().UtcDateTime,
        };
        if (context.Requests is { } held) held.Add(row);
        else await requests.AddAsync(row, cancellationToken);
    }

    /// <summary>Runs a non-HTTP call (a file read or write) and records it; the error text is the failure's message.</summary>
    public async Task<ConnectorResult<T>> CallAsync<T>(ConnectorContext context, string connector, string operation, string method, string url,
        Func<Task<ConnectorResult<T>>> call, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"{connector} {operation}", ActivityKind.Client);
        activity?.SetTag("possync.connector", connector);
        activity?.SetTag("possync.consumer_id", context.ConsumerId);
        var started = Stopwatch.GetTimestamp();
        ConnectorResult<T>? result = null;
        string? error = null;
        try
        {
            result = await call();
            error = result.Failure?.Message;
            return result;
        }
        catch (Exception e)
        {
            error = $"{e.GetType().Name}: {e.Message}";
            activity?.SetStatus(ActivityStatusCode.Error, error);
            throw;
        }
        finally
        {
            if (result?.Failure is { } failure) activity?.SetStatus(ActivityStatusCode.Error, failure.Code);
            await RecordAsync(context, connector, operation, method, url, null, Stopwatch.GetElapsedTime(started), error, CancellationToken.None);
        }
    }
}
