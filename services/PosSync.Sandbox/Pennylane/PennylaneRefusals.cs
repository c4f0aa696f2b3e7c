using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Pennylane;

/// <summary>
/// How Pennylane refuses (docs/vendors/pennylane.md "Limits and errors"): its <c>{error, message, details}</c>
/// body, 401 for any token it cannot use, 403 naming the scope a route needs, and a plain-text 429 with Retry-After.
/// </summary>
public sealed class PennylaneRefusals : IVendorRefusals
{
    public IResult Error(int status, string message) => PennylaneError.Answer(status, message);

    /// <param name="scope">The scopes that open the route, the documented one first (its write scope implies the read).</param>
    public IResult Unauthenticated(OAuthServer.Check check, string scope) => check == OAuthServer.Check.MissingScope
        ? Error(403, $"Access to this resource requires scope \"{scope.Split(' ')[0]}\"")
        : Error(401, "The access token is invalid");

    public IResult RateLimited(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Results.Text($"Rate limit exceeded. Please retry in {seconds} seconds.", "text/plain", statusCode: 429)
            .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Every answer the limit counted says how much is left of 25 per 5 seconds and when the window resets.</summary>
    public static void BudgetHeaders(HttpContext http, RequestBudget.Verdict verdict)
    {
        http.Response.Headers["ratelimit-limit"] = PennylaneSandbox.Limit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["ratelimit-reset"] = (verdict.Reset.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["ratelimit-remaining"] = verdict.Remaining.ToString(CultureInfo.InvariantCulture);
    }
}
