using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Lightspeed;

/// <summary>How Lightspeed's Financial API refuses: its documented error body, 401 for a bad token, 403 for a missing scope.</summary>
public sealed class LightspeedRefusals : IVendorRefusals
{
    public IResult Error(int status, string message) => Results.Json(new
    {
        timestamp = DateTimeOffset.UtcNow.ToString("o"), path = "", status, error = StatusName(status), message,
            requestId = Guid.NewGuid().ToString("N"),
    }, statusCode: status);

    public IResult Unauthenticated(OAuthServer.Check check, string scope) => check switch
    {
        OAuthServer.Check.MissingScope => Error(403, $"The token does not grant the {scope} scope"),
        OAuthServer.Check.Expired => Error(401, "The access token expired"),
        _ => Error(401, "Full authentication is required to access this resource"),
    };

    public IResult RateLimited(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Results.Text($"Rate limit exceeded. Please retry in {seconds} seconds.", statusCode: 429)
            .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
    }

    private static string StatusName(int status) => status switch
    {
        400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", 429 => "Too Many Requests",
        500 => "Internal Server Error", 502 => "Bad Gateway", 503 => "Service Unavailable", 504 => "Gateway Timeout", _ => "Error",
    };
}
