namespace PosSync.Connectors.Http;

/// <summary>How the token endpoint takes its fields.</summary>
public enum TokenRequestFormat
{
    /// <summary>application/x-www-form-urlencoded, as RFC 6749 writes it.</summary>
    Form,

    /// <summary>A JSON object (Square).</summary>
    Json,
}
