namespace PosSync.Domain.Outcomes;

/// <summary>When the scheduler runs a day again after a run that ended with the code.</summary>
public enum RetryPolicy
{
    /// <summary>Never by itself: the day is done, or an operator decides.</summary>
    Never,
    /// <summary>At the next schedule: nothing failed.</summary>
    AtOnce,
    /// <summary>After the waiting pause (half an hour).</summary>
    AfterPause,
    /// <summary>After the short outage backoff, doubled with each attempt.</summary>
    OutageBackoff,
    /// <summary>After the long business backoff, doubled with each attempt: someone usually has to fix something first.</summary>
    BusinessBackoff,
    /// <summary>At the next schedule when the cause is gone (the sync enabled, the start date moved).</summary>
    WhenAllowed,
}
