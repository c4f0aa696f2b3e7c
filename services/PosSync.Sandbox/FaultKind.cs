namespace PosSync.Sandbox;

/// <summary>What a scripted fault does to the next matching requests.</summary>
public enum FaultKind
{
    /// <summary>Answer with a status (5xx burst, 401, 403, 400 with a vendor message...).</summary>
    Status,
    /// <summary>Answer 429 with the vendor's headers and a Retry-After.</summary>
    TooManyRequests,
    /// <summary>Answer late (beyond the client's timeout when it should time out).</summary>
    Slow,
    /// <summary>Close the connection without an answer.</summary>
    Drop,
    /// <summary>Do the work (store the entry), then answer 502: the client must find it instead of posting twice.</summary>
    CommitThenFail,
    /// <summary>Do the work, then close the connection without an answer.</summary>
    CommitThenDrop,
    /// <summary>Answer 200 with a body that is not what the documentation promises.</summary>
    Garbage,
}
