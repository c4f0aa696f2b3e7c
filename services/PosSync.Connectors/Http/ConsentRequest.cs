namespace PosSync.Connectors.Http;

/// <summary>The consent page a client opens to connect a tool, and the state that comes back with the code.</summary>
public sealed record ConsentRequest(Uri Url, string State);
