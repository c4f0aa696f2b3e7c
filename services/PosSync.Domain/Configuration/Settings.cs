namespace PosSync.Domain.Configuration;

public sealed record Settings
{
    public string? Journal { get; init; }
    public required string Currency { get; init; }
    public required DateOnly StartDate { get; init; }
    public required decimal Tolerance { get; init; }
    public required decimal RoundingThreshold { get; init; }
    public RevenueMode RevenueMode { get; init; } = RevenueMode.Net;
    public bool CountAuthorisedPayments { get; init; }

    /// <summary>Where the business keeps its books (ISO 3166 alpha-2): the labels' language follows it unless <see cref="Language"/> says.</summary>
    public string? Country { get; init; }

    /// <summary>The labels' language; null: from <see cref="Country"/> (<see cref="EntryLanguages"/>).</summary>
    public EntryLanguage? Language { get; init; }

    /// <summary>
    /// For a POS that never closes a day (Square): how long after the day's cut-off it counts as
    /// closed, so sales still being rung up or synced from offline tills are in. Null: <see cref="DefaultCloseAfter"/>.
    /// </summary>
    public TimeSpan? CloseAfter { get; init; }

    public static readonly TimeSpan DefaultCloseAfter = TimeSpan.FromHours(2);
    public static readonly TimeSpan MaxCloseAfter = TimeSpan.FromHours(72);

    /// <summary>The grace in force: the configured one, else the default.</summary>
    public TimeSpan EffectiveCloseAfter => CloseAfter ?? DefaultCloseAfter;

    /// <summary>
    /// For a POS whose orders may arrive late (Square): a recheck that finds the booked day changed
    /// replaces its entry as a re-import does. False (the default): it reports the drift and leaves the
    /// entry for support's re-import, since the client's accountant may already have worked on it.
    /// </summary>
    public bool ReplaceOnDrift { get; init; }
}
