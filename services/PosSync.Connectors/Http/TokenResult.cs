namespace PosSync.Connectors.Http;

/// <summary>A usable access token, or why there is none (the connection must be reconnected, or the vendor is down).</summary>
public sealed record TokenResult(string? AccessToken, ConnectorFailure? Failure)
{
    public static TokenResult Ok(string token) => new(token, null);
    public static TokenResult Fail(ConnectorFailure failure) => new(null, failure);
}
