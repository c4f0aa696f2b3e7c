using PosSync.Domain.Outcomes;

namespace PosSync.Connectors;

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
