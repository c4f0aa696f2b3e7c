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
