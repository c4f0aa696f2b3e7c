namespace PosSync.Domain.Configuration;

/// <summary>
/// One client's sync: who they are, which POS and accounting tool are connected, their locations,
/// settings and mappings (booking-rules section 1). Built only by <see cref="ConsumerConfigurationReader"/>,
/// so every instance has passed validation.
/// </summary>
public sealed record ConsumerConfiguration
{
    public required string ConsumerId { get; init; }
    public required string Name { get; init; }
    public required string CreatedByEmail { get; init; }
    public Connection? Pos { get; init; }
    public Connection? Accounting { get; init; }
    public required IReadOnlyList<Location> Locations { get; init; }
    public required Settings Settings { get; init; }
    public required Mappings Mappings { get; init; }

    public Location? FindLocation(string locationId) => Locations.FirstOrDefault(l => l.Id == locationId);
}

public enum ConnectionStatus { Active, Pending, NeedsReconnect }

/// <summary>A connected tool; <paramref name="Options"/> holds what that connector needs besides credentials (e.g. the FEC's SIREN).</summary>
public sealed record Connection(string Connector, ConnectionStatus? Status, IReadOnlyDictionary<string, string>? Options = null)
{
    public string? Option(string name) => Options?.GetValueOrDefault(name);
}

public sealed record Location(string Id, string Name, TimeZoneInfo TimeZone, TimeSpan DayCutoff);

public enum RevenueMode { Net, Gross }

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

/// <summary>An accounting VAT code and the account its VAT is credited to (null: no VAT line, e.g. exempt).</summary>
public sealed record VatRateMapping(decimal Rate, string Key, string Code, string? Account);

public sealed record AccountPair(string? Debit, string? Credit);

public sealed record Mappings
{
    public IReadOnlyDictionary<string, string> PaymentMethods { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Categories { get; init; } = new Dictionary<string, string>();

    /// <summary>Keyed by the rate's value, so 10, 10.0 and "10.00" are one rate.</summary>
    public IReadOnlyDictionary<decimal, VatRateMapping> VatRates { get; init; } = new Dictionary<decimal, VatRateMapping>();
    public string? Tips { get; init; }
    public string? Discounts { get; init; }
    public string? Complimentary { get; init; }
    public AccountPair Rounding { get; init; } = new(null, null);
    public AccountPair Difference { get; init; } = new(null, null);
    public string? Suspense { get; init; }
}
