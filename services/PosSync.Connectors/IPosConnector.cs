using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;

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

    Task<ConnectorResult<PosDay>> FetchDayAsync(
        ConnectorContext context,
        Location location,
        DateOnly businessDate,
        CancellationToken cancellationToken);

    /// <summary>The locations the connection can see, with their time zones, for setting a consumer up.</summary>
    Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken);

    /// <summary>Every payment method, category and VAT rate the POS knows for these locations.</summary>
    Task<ConnectorResult<PosCatalog>> CatalogAsync(ConnectorContext context, IReadOnlyList<Location> locations, CancellationToken cancellationToken);
}
