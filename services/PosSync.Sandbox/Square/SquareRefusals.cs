using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Square;

/// <summary>
/// How Square refuses (docs/vendors/square.md "What the sandbox must refuse"): 401 UNAUTHORIZED for a
/// missing or unknown token, ACCESS_TOKEN_EXPIRED and ACCESS_TOKEN_REVOKED said apart, 403
/// INSUFFICIENT_SCOPES naming the scope, 429 RATE_LIMITED without Retry-After unless a test asks for one.
/// </summary>
public sealed class SquareRefusals : IVendorRefusals
{
    /// <summary>No Square page promises Retry-After; a test switches it on to see PosSync honour it.</summary>
    public bool SendsRetryAfter { get; set; }

    public IResult Error(int status, string message) => SquareError.ForStatus(status, message);

    public IResult Unauthenticated(OAuthServer.Check check, string scope) => check switch
    {
        OAuthServer.Check.Expired => SquareError.Answer(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_EXPIRED", "The access token has expired."),
        OAuthServer.Check.Revoked => SquareError.Answer(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_REVOKED", "The access token has been revoked."),
        OAuthServer.Check.MissingScope => SquareError.Answer(403, "AUTHENTICATION_ERROR", "INSUFFICIENT_SCOPES",
            "The merchant has not given your application sufficient permissions to do this. Make sure the merchant has authorized your " +
                $"application for the following scopes: [{scope}]"),
        _ => SquareError.Answer(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized."),
    };

    public IResult RateLimited(TimeSpan retryAfter)
    {
        var answer = SquareError.Answer(429, "RATE_LIMIT_ERROR", "RATE_LIMITED", "Rate limited.");
        return SendsRetryAfter
            ? answer.WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
            : answer;
    }
}
