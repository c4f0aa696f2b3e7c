using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox;

/// <summary>Answers the minimal-API results cannot give alone.</summary>
public static class SandboxResults
{
    /// <summary>The result with a response header (a 429's Retry-After).</summary>
    public static IResult WithHeader(this IResult result, string name, string value) => new Headed(result, name, value);

    private sealed class Headed(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
