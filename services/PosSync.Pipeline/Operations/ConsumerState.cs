using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;

namespace PosSync.Pipeline.Operations;

/// <summary>A consumer as support sees it: its configuration, and whether its sync may run, by the POS catalog of its last run.</summary>
public sealed record ConsumerState(ConsumerConfiguration Config, PosCatalog Catalog, EnablementResult Enablement);
