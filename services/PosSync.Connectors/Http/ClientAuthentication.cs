namespace PosSync.Connectors.Http;

/// <summary>How PosSync proves it is the OAuth client at the vendor's token endpoint (RFC 6749 section 2.3.1).</summary>
public enum ClientAuthentication
{
    /// <summary>HTTP Basic: base64 of client_id:client_secret in the Authorization header.</summary>
    Basic,

    /// <summary>client_id and client_secret as fields of the form body.</summary>
    RequestBody,
}
