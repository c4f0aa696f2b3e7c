using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox;

/// <summary>How one vendor words the refusals every sandbox gives: its error body, its answer to a refused token, its 429.</summary>
public interface IVendorRefusals
{
    /// <summary>The vendor's error body with this status (a scripted fault, a bad request).</summary>
    IResult Error(int status, string message);

    /// <summary>The vendor's answer to a token that is missing, unknown, expired, revoked or short of <paramref name="scope"/>.</summary>
    IResult Unauthenticated(OAuthServer.Check check, string scope);

    /// <summary>The vendor's 429, with how long until the caller is admitted again.</summary>
    IResult RateLimited(TimeSpan retryAfter);
}
