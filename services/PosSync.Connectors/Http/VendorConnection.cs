using PosSync.Storage.Stores;

namespace PosSync.Connectors.Http;

/// <summary>Which connection a call belongs to: whose credentials, which vendor, which side of the sync.</summary>
/// <param name="Headers">Headers of every call of this connection, beyond the vendor's (Xero's xero-tenant-id: the organisation the client
/// chose).</param>
public sealed record VendorConnection(ConnectorContext Context, string Connector, string Role, VendorEndpointOptions Vendor,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public ConnectorFailure Fail(FailureKind kind, string message) =>
        Role == ConnectionStore.Pos ? ConnectorFailure.Pos(kind, message) : ConnectorFailure.Accounting(kind, message);
}
