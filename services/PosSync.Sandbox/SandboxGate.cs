using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox;

/// <summary>
/// The one request pipeline of the sandboxes, in the order a vendor applies it: scripted faults
/// first, then the OAuth token and its scope, then the rate limit; every answer, given here or by
/// the vendor's handler, goes to the request journal. A vendor brings only its refusal wording
/// (<see cref="IVendorRefusals"/>) and its routes.
/// </summary>
public sealed class SandboxGate(string vendor, OAuthServer oauth, FaultPlan faults, RequestJournal journal, TimeProvider clock,
    IVendorRefusals refusals)
{
    public string Vendor { get; } = vendor;

    /// <summary>The vendor's rate limit per token, or null where the sandbox has none.</summary>
    public RequestBudget? Budget { get; set; }

    /// <summary>The vendor's rate-limit headers, written on every answer the budget counted (the 429 too); null: none.</summary>
    public Action<HttpContext, RequestBudget.Verdict>? BudgetHeaders { get; set; }

    private readonly ConcurrentDictionary<string, Fault> _unspent = new(StringComparer.Ordinal);

    /// <summary>
    /// An after-work fault whose request stored nothing (it was refused) has no answer to lose: it
    /// waits for the next request on <paramref name="route"/>, ahead of any other scripted fault.
    /// </summary>
    public void KeepForNext(string route, Fault fault) => _unspent[route] = fault;

    /// <summary>
    /// Lets a request in: the token it carries, or null when the answer is already given (a fault,
    /// a refused token, a spent budget) and recorded. A fault scripted for <paramref name="specificRoute"/>
    /// (one location and day, say) wins over one for the whole route.
    /// </summary>
    public Task<IssuedToken?> AdmitAsync(HttpContext http, string route, string scope, string? specificRoute = null) =>
        AdmitAsync(http, route, [scope], specificRoute);

    /// <summary>
    /// As above, for a route that any one of <paramref name="scopes"/> opens (none: any valid token). A fault
    /// that needs the work done first (<see cref="FaultKind.CommitThenFail"/>, <see cref="FaultKind.CommitThenDrop"/>)
    /// is kept for the handler: <see cref="AfterWork"/>.
    /// </summary>
    public async Task<IssuedToken?> AdmitAsync(HttpContext http, string route, IReadOnlyCollection<string> scopes, string? specificRoute = null)
    {
        var fault = (_unspent.TryRemove(route, out var kept) ? kept : null)
            ?? (specificRoute is null ? null : faults.Take(specificRoute)) ?? faults.Take(route);
        if (fault?.Kind is FaultKind.CommitThenFail or FaultKind.CommitThenDrop) http.Items[AfterWorkKey] = fault;
        else if (await FaultPlan.ApplyBeforeAsync(fault, http, refusals.Error, refusals.RateLimited))
        {
            Record(http, null);
            return null;
        }
        var (check, token) = oauth.Authenticate(Authorization(http), scopes);
        if (check != OAuthServer.Check.Ok)
        {
            await AnswerAsync(http, token, refusals.Unauthenticated(check, string.Join(" ", scopes)));
            return null;
        }
        if (Budget?.Spend(token!.AccessToken, Arrival(http)) is { } spent)
        {
            BudgetHeaders?.Invoke(http, spent);
            if (!spent.Admitted)
            {
                await AnswerAsync(http, token, refusals.RateLimited(spent.RetryAfter));
                return null;
            }
        }
        return token;
    }

    private const string AfterWorkKey = "possync.sandbox.after-work-fault";

    /// <summary>The scripted fault this request carries out once its work is done (the work stored, the answer lost), or null.</summary>
    public static Fault? AfterWork(HttpContext http) => http.Items.TryGetValue(AfterWorkKey, out var fault) ? fault as Fault : null;

    /// <summary>Writes the answer and records the request with the token it carried.</summary>
    public async Task AnswerAsync(HttpContext http, IssuedToken? token, IResult result)
    {
        await result.ExecuteAsync(http);
        Record(http, token);
    }

    public void Record(HttpContext http, IssuedToken? token) => journal.Add(new SandboxRequest(Arrival(http), Vendor, http.Request.Method,
        http.Request.Path + http.Request.QueryString, http.Response.StatusCode, token?.AccessToken,
        http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

    public static string? Authorization(HttpContext http) => http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null;

    /// <summary>When the request arrived (what a vendor's rate limit counts), not when it was answered.</summary>
    public DateTimeOffset Arrival(HttpContext http) =>
        http.Items.TryGetValue(RequestJournal.ArrivedKey, out var at) && at is DateTimeOffset arrived ? arrived : clock.GetUtcNow();
}
