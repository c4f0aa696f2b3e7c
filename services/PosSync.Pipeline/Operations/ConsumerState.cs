using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>A consumer as support sees it: its configuration, and whether its sync may run, by the POS catalog of its last run.</summary>
public sealed record ConsumerState(ConsumerConfiguration Config, PosCatalog Catalog, EnablementResult Enablement);

public sealed class ConsumerStates(ConsumerStore consumers, DayArchive archive)
{
    /// <summary>The consumer and its enablement, or an error naming what was not found.</summary>
    public async Task<ConsumerState> GetAsync(string consumerId, CancellationToken cancellationToken)
    {
        var config = await consumers.GetAsync(consumerId, cancellationToken)
                     ?? throw new OperationRefusedException($"No consumer {consumerId}. Find its id with: possync consumers find TEXT");
        var catalog = PosCatalogJson.Read(await archive.CatalogAsync(consumerId, cancellationToken));
        return new ConsumerState(config, catalog, SyncEnablement.Evaluate(config, catalog));
    }
}

/// <summary>An operator's request that cannot be done as asked; the message says why and what to do instead.</summary>
public sealed class OperationRefusedException(string message) : Exception(message);
