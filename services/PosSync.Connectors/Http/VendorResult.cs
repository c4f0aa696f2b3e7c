namespace PosSync.Connectors.Http;

/// <summary>
/// What came of a vendor call: a 2xx body, a classified failure (with the vendor's refusal body when
/// it refused), or (for an unsafe request) "maybe processed".
/// </summary>
public sealed record VendorResult(int? StatusCode, string? Body, ConnectorFailure? Failure, bool Uncertain = false, string? Detail = null)
{
    public bool Succeeded => Failure is null && !Uncertain;
}
