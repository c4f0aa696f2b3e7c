using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;
using PosSync.Domain.Outcomes;

namespace PosSync.Connectors;

/// <summary>A POS: is this business day closed, what are its orders, and what must a mapping cover.</summary>
public interface IPosConnector
{
    string Name { get; }

    /// <summary>
    /// How long after a day's end its orders may still reach the POS with their original time (a till
    /// that sold offline uploads later), so a booked day can still change: zero for a POS that closes
    /// its days (Lightspeed) or a folder of exported days.
    /// </summary>
    TimeSpan LateOrders => TimeSpan.Zero;

    Task<ConnectorResult<PosDay>> FetchDayAsync(ConnectorContext context, Location location, DateOnly businessDate, CancellationToken cancellationToken);

    /// <summary>The locations the connection can see, with their time zones, for setting a consumer up.</summary>
    Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken);

    /// <summary>Every payment method, category and VAT rate the POS knows for these locations.</summary>
    Task<ConnectorResult<PosCatalog>> CatalogAsync(ConnectorContext context, IReadOnlyList<Location> locations, CancellationToken cancellationToken);
}

/// <summary>A location as the POS names it.</summary>
public sealed record PosLocation(string Id, string Name, string? TimeZone);

/// <summary>An accounting tool: book this entry once, find it again, take it back when a re-import replaces it.</summary>
public interface IAccountingTarget
{
    string Name { get; }

    /// <summary>Books the entry, or finds it already booked under the same number with the same lines.</summary>
    Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Reverses or deletes a booked entry, as the tool allows, so a day never has two live entries.
    /// Removing an entry already removed succeeds and changes nothing: a retry may come after a lost answer.
    /// </summary>
    Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken);
}

/// <summary>The connectors this build has, by the name a consumer configuration uses.</summary>
public sealed class ConnectorRegistry(IEnumerable<IPosConnector> pos, IEnumerable<IAccountingTarget> accounting)
{
    private readonly Dictionary<string, IPosConnector> _pos = pos.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, IAccountingTarget> _accounting = accounting.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IPosConnector? Pos(string name) => _pos.GetValueOrDefault(name);
    public IAccountingTarget? Accounting(string name) => _accounting.GetValueOrDefault(name);

    public static ConnectorFailure Missing(string side, string name) => new(OutcomeCodes.ConnectorNotAvailable,
        $"The {side} connector '{name}' is not available in this build of PosSync yet; the day cannot run until it is.", FailureKind.NotAvailable);
}
