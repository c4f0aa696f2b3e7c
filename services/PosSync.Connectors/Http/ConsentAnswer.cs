namespace PosSync.Connectors.Http;

/// <summary>What the client brought back: a code and its PKCE verifier, or why it cannot be used.</summary>
public sealed record ConsentAnswer(string? Code, string? CodeVerifier, string? Problem)
{
    public static ConsentAnswer Refused(string problem) => new(null, null, problem);
}
