namespace PosSync.Connectors;

/// <summary>How a connector call failed, which decides what the pipeline does next.</summary>
public enum FailureKind
{
    /// <summary>401/403: the connection must be re-authorised by the client; never retried.</summary>
    Auth,
    /// <summary>5xx, timeouts, dropped connections after the retry budget: the day is picked up again later.</summary>
    Unavailable,
    /// <summary>The vendor refused the request (other 4xx); its message is kept verbatim.</summary>
    Rejected,
    /// <summary>The vendor answered with data that is not a usable day.</summary>
    InvalidData,
    /// <summary>This build or this configuration cannot reach the named tool.</summary>
    NotAvailable,
    /// <summary>
    /// The vendor's quota of calls is spent for longer than a call may wait (a day limit): the
    /// connection is fine, the day waits and the scheduler starts it again.
    /// </summary>
    QuotaSpent,
    /// <summary>The day is past the largest PosSync books (DayLimits): an operator decides, nothing retries it.</summary>
    DayTooLarge,
}
