using System.Collections.Concurrent;
using PosSync.Connectors;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// What the POS knows (payment methods, categories, VAT rates) changes rarely; each day of a
/// consumer need not ask for it again. Kept a few minutes per consumer and location set; failures
/// are never cached, so a refused credential is seen on the next run.
/// </summary>
public sealed class CatalogCache(DayArchive archive, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, PosCatalog Catalog)> _catalogs = new(StringComparer.Ordinal);

    public async Task<ConnectorResult<PosCatalog>> GetAsync(
        IPosConnector pos,
        ConnectorContext context,
        IReadOnlyList<Location> locations,
        CancellationToken cancellationToken)
    {
        var key = $"{context.ConsumerId}/{pos.Name}/{string.Join(",", locations.Select(l => l.Id))}";
        if (_catalogs.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < Lifetime)
            return ConnectorResult<PosCatalog>.Ok(cached.Catalog);
        var fetched = await pos.CatalogAsync(context, locations, cancellationToken);
        if (fetched.Succeeded)
        {
            _catalogs[key] = (clock.GetUtcNow(), fetched.Value!);
            // Kept on the consumer, so support sees which mapping is missing without asking the POS.
            await archive.SaveCatalogAsync(context.ConsumerId, PosCatalogJson.Write(fetched.Value!), cancellationToken);
        }
        return fetched;
    }
}
