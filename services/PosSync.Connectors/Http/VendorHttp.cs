using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using PosSync.Connectors.Recording;

namespace PosSync.Connectors.Http;

/// <summary>
/// The one HTTP pipeline of every connector. Each attempt waits for the connection's rate limiter
/// (its window, and a free slot where the vendor limits calls in progress, held until the answer is in),
/// carries a fresh access token, is written to the request table (URL without secrets, status,
/// duration, error) inside a span, and is classified:
/// 401/403 — the credentials are refused (one refresh is tried on a 401), never hammered;
/// 429 — Retry-After and the vendor's rate-limit headers are honoured for every call of the connection;
/// 5xx, timeouts, dropped connections — retried with doubling backoff within a budget, then "unavailable";
/// other 4xx — rejected, the vendor's message kept verbatim.
/// </summary>
public sealed class VendorHttp(IHttpClientFactory http, RequestRecorder recorder, RateLimiters limiters, OAuthTokens tokens, TimeProvider clock)
{
    public async Task<VendorResult> SendAsync(VendorConnection connection, VendorRequest request, CancellationToken cancellationToken)
    {
        var vendor = connection.Vendor;
        var limiter = limiters.For(connection.Connector, connection.Context.ConsumerId, vendor);
        var client = http.CreateClient(connection.Connector);
        var token = await tokens.CurrentAsync(connection.Context, connection.Role, connection.Connector, vendor, cancellationToken);
        if (token.Failure is { } noToken) return new VendorResult(null, null, noToken);

        var transientFailures = 0;
        var rateLimited = 0;
        var refreshed = false;
        var superseded = 0;
        var waitedForLimits = TimeSpan.Zero;
        var url = vendor.Url(request.PathAndQuery);
        using var activity = RequestRecorder.Source.StartActivity($"{connection.Connector} {request.Operation}", ActivityKind.Client);
        activity?.SetTag("possync.connector", connection.Connector);
        activity?.SetTag("possync.consumer_id", connection.Context.ConsumerId);

        while (true)
        {
            Attempt attempt;
            using (await limiter.EnterAsync(cancellationToken))
                attempt = await AttemptAsync(client, connection, request, url, token.AccessToken!, cancellationToken);
            var status = attempt.StatusCode;

            if (status is >= 200 and < 300)
            {
                if (attempt.Refused)
                    return Failed(status, connection.Fail(FailureKind.Rejected,
                        $"{connection.Connector} rejected {request.Operation} ({status}): {attempt.Message}"));
                return new VendorResult(status, attempt.Body, null);
            }

            if (status is 401)
            {
                // Another call of this connection may have rotated the pair (Pennylane kills the old one):
                // use the stored token; only when it is the refused one is a refresh tried, once.
                var stored = await tokens.StoredAsync(connection.Context, connection.Role, cancellationToken);
                if (stored is not null && stored != token.AccessToken && superseded++ < 3)
                {
                    token = TokenResult.Ok(stored);
                    continue;
                }
                if (!refreshed)
                {
                    refreshed = true;
                    token = await tokens.RefreshAsync(connection.Context, connection.Role, connection.Connector, vendor, token.AccessToken!,
                        cancellationToken);
                    // Why the access token was refused (Square's ACCESS_TOKEN_REVOKED) is what support acts on, before why the refresh was.
                    if (token.Failure is { } refused)
                        return Failed(status, refused with { Message = $"{connection.Connector} refused the access token ({status}: " +
                            $"{attempt.Message ?? "no message"}). {refused.Message}" },
                            attempt.Body);
                    continue;
                }
            }
            if (status is 401 or 403)
            {
                return Failed(status, connection.Fail(FailureKind.Auth,
                    $"{connection.Connector} refused the credentials ({status}: {attempt.Message ?? "no message"})."), attempt.Body);
            }
            if (status is 429)
            {
                // Without Retry-After (Square promises none) the wait doubles and is jittered, so the
                // connections a vendor throttled together do not all come back at the same instant.
                var wait = RetryAfter(attempt.Headers) ?? Jitter.Spread(Backoff(vendor, ++rateLimited), Random.Shared.NextDouble());
                // A quota spent for hours (Xero's day limit: Retry-After in hours) is not waited out in a call: the day waits.
                if (wait > TimeSpan.FromSeconds(vendor.MaxRateLimitWaitSeconds))
                    return Failed(status, connection.Fail(FailureKind.QuotaSpent,
                        $"{connection.Connector}'s {Header(attempt.Headers!, "X-Rate-Limit-Problem") ?? "rate"} limit of calls is spent "
                        + $"(429, Retry-After {wait.TotalSeconds:0} s); "
                        + $"the day waits until {(clock.GetUtcNow() + wait).UtcDateTime:yyyy-MM-dd HH:mm} UTC, "
                        + $"when {connection.Connector} takes calls again."));
                waitedForLimits += wait;
                if (waitedForLimits > TimeSpan.FromSeconds(vendor.MaxRateLimitWaitSeconds))
                    return Failed(status, connection.Fail(FailureKind.Unavailable,
                        $"{connection.Connector} kept answering 429 (rate limited) for {waitedForLimits.TotalSeconds:0} s; the day will " +
                            "be tried again later."));
                limiter.PauseUntil(clock.GetUtcNow() + wait);
                continue;
            }
            if (status is >= 400 and < 500)
            {
                return Failed(status, connection.Fail(FailureKind.Rejected,
                    $"{connection.Connector} rejected {request.Operation} ({status}): {attempt.Message ?? "no message"}"), attempt.Body);
            }

            // 5xx, a timeout or a dropped connection.
            if (!request.Idempotent) return new VendorResult(status, null, null, Uncertain: true, Detail: attempt.Message);
            if (++transientFailures > vendor.TransientRetries)
            {
                return Failed(status, connection.Fail(FailureKind.Unavailable,
                    $"{connection.Connector} is unavailable: {request.Operation} failed {transientFailures} times, last with " +
                        $"{attempt.Message}; the day will be tried again later."));
            }
            await Task.Delay(Backoff(vendor, transientFailures), clock, cancellationToken);
        }

        // A refusal keeps the vendor's body, for a connector that reads the vendor's own error codes (Square's INVALID_CURSOR).
        VendorResult Failed(int? status, ConnectorFailure failure, string? body = null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Code);
            return new VendorResult(status, body, failure);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <param name="Refused">A 2xx the vendor's own rule says is a refusal; <see cref="Message"/> says why.</param>
    private sealed record Attempt(int? StatusCode, string? Body, string? Message, HttpResponseHeaders? Headers, bool Refused = false);

    private async Task<Attempt> AttemptAsync(HttpClient client, VendorConnection connection, VendorRequest request, Uri url,
        string accessToken, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, url);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in connection.Vendor.Headers) message.Headers.TryAddWithoutValidation(name, value);
        foreach (var (name, value) in connection.Headers ?? Empty) message.Headers.TryAddWithoutValidation(name, value);
        foreach (var (name, value) in request.Headers ?? Empty) message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is not null) message.Content = request.Body();

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(connection.Vendor.TimeoutSeconds));
        Attempt attempt;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            var refusal = status is >= 200 and < 300 ? request.Refusal?.Invoke(body) : null;
            attempt = status is >= 200 and < 300
                ? new Attempt(status, body, refusal, response.Headers, Refused: refusal is not null)
                : new Attempt(status, body, VendorMessage.From(body) ?? response.ReasonPhrase, response.Headers);
            ObserveRateLimitHeaders(connection, response.Headers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            attempt = new Attempt(null, null, $"no answer within {connection.Vendor.TimeoutSeconds:0.#} s", null);
        }
        catch (HttpRequestException e)
        {
            attempt = new Attempt(null, null, $"connection failed: {e.Message}", null);
        }
        await recorder.RecordAsync(connection.Context, connection.Connector, request.Operation, request.Method.Method, url.ToString(),
            attempt.StatusCode, Stopwatch.GetElapsedTime(started), attempt.Message, CancellationToken.None);
        return attempt;
    }

    /// <summary>A spent budget (ratelimit-remaining: 0) pauses the connection until ratelimit-reset, before any 429.</summary>
    private void ObserveRateLimitHeaders(VendorConnection connection, HttpResponseHeaders headers)
    {
        if (Header(headers, "ratelimit-remaining") is "0" && Header(headers, "ratelimit-reset") is { } reset
            && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            // Pennylane sends a unix timestamp; a small number is a delay in seconds (the IETF draft's form).
            var until = seconds > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : clock.GetUtcNow().AddSeconds(seconds);
            limiters.For(connection.Connector, connection.Context.ConsumerId, connection.Vendor).PauseUntil(until);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders? headers)
    {
        if (headers?.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta) return delta;
            if (retry.Date is { } date) return date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static TimeSpan Backoff(VendorEndpointOptions vendor, int failures) =>
        TimeSpan.FromSeconds(vendor.BackoffSeconds * Math.Pow(2, Math.Max(0, failures - 1)));

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
