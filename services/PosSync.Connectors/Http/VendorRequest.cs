namespace PosSync.Connectors.Http;

/// <summary>One call to a vendor API, as a connector describes it.</summary>
/// <param name="Headers">Headers of this call only, the same on every attempt (Xero's Idempotency-Key).</param>
/// <param name="Refusal">
/// The vendor's own rule for a 2xx that is no success (Xero answers 200 with ValidationErrors):
/// the refusal's message read from the body, or null when the call succeeded.
/// </param>
/// <param name="ReadOnly">A POST that only reads (Square's searches, whose query is too rich for a URL): safe to repeat.</param>
public sealed record VendorRequest(string Operation, HttpMethod Method, string PathAndQuery, Func<HttpContent>? Body = null,
    IReadOnlyDictionary<string, string>? Headers = null, Func<string, string?>? Refusal = null, bool ReadOnly = false)
{
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>
    /// GETs are safe to repeat; a POST that creates something is not: after a 5xx, a timeout or a
    /// dropped connection it may have been processed, so the caller looks before posting again —
    /// unless it carries an idempotency key, with which the vendor answers a repeat with the first result.
    /// </summary>
    public bool Idempotent => Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put || Method == HttpMethod.Delete
        || ReadOnly || Headers?.ContainsKey(IdempotencyKey) == true;
}
