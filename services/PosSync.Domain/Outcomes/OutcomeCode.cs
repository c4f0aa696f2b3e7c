namespace PosSync.Domain.Outcomes;

/// <summary>What kind of ending a code names, which decides what happens to the day next.</summary>
public enum CodeKind
{
    /// <summary>Something outside the day failed (a vendor down, a worker crashed): it clears by itself.</summary>
    Outage,
    /// <summary>The day's data, mappings or credentials need someone to act before it can be booked.</summary>
    BusinessError,
    /// <summary>Nothing failed: the run was cut short or taken over, and the day simply runs again.</summary>
    Interruption,
    /// <summary>The day cannot be booked yet (POS day open, a vendor quota spent): it waits and is tried again.</summary>
    Waiting,
    /// <summary>The day was deliberately not run (sync not enabled, before the start date).</summary>
    Skipped,
    /// <summary>The day is done (booked already, nothing to book).</summary>
    Done,
}

/// <summary>Which side a code speaks of.</summary>
public enum CodeRole { Pos, Accounting, Pipeline }

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

/// <summary>
/// An outcome code: the word stored on executions, events and issues (SQL views, dashboards and
/// support read it, so it never changes) with its traits. Reads as its word wherever a string is expected.
/// </summary>
public sealed record OutcomeCode(string Word, CodeKind Kind, CodeRole Role, RetryPolicy Retry)
{
    public bool IsOutage => Kind == CodeKind.Outage;

    public override string ToString() => Word;

    public static implicit operator string(OutcomeCode code) => code.Word;
}
