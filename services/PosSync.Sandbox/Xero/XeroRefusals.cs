using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Xero;

/// <summary>
/// How Xero refuses (docs/vendors/xero.md "Answers" and "What the sandbox must refuse"): 401
/// AuthenticationUnsuccessful for a token that is missing, unknown, expired or revoked, 401
/// AuthorizationUnsuccessful for one without the endpoint's scope, 429 with Retry-After and
/// X-Rate-Limit-Problem and no body. A scripted status answers in Xero's shape for that status.
/// </summary>
public sealed class XeroRefusals : IVendorRefusals
{
    public IResult Error(int status, string message) => status switch
    {
        400 => XeroError.Validation([], message),
        401 => XeroError.Unauthorized("AuthenticationUnsuccessful"),
        403 => XeroError.Forbidden(),
        // CODES documents 503 "Not Available" / "Organisation offline" and no body: the sandbox says which.
        _ => Results.Json(new { Message = message }, statusCode: status),
    };

    public IResult Unauthenticated(OAuthServer.Check check, string scope) =>
        XeroError.Unauthorized(check == OAuthServer.Check.MissingScope ? "AuthorizationUnsuccessful" : "AuthenticationUnsuccessful");

    /// <summary>A scripted 429 names the minute limit, the one Xero's sources show most.</summary>
    public IResult RateLimited(TimeSpan retryAfter) => TooMany(retryAfter, "minute");

    /// <summary>Xero's 429: Retry-After in seconds, the limit hit in X-Rate-Limit-Problem, an empty body.</summary>
    public static IResult TooMany(TimeSpan retryAfter, string problem) => Results.StatusCode(429)
        .WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
        .WithHeader("X-Rate-Limit-Problem", problem);
}
