using PosSync.Connectors.Fec;
using PosSync.Connectors.Files;

namespace PosSync.Connectors;

/// <summary>Which connectors work on files PosSync reads or writes itself, and so need no credentials.</summary>
public static class ConnectorKinds
{
    /// <summary>Every other tool, shipped or not yet (square, xero), is an API reached with the client's credentials.</summary>
    public static bool NeedsCredentials(string connector) =>
        connector is not (FolderPosConnector.ConnectorName or FecTarget.ConnectorName or JsonFileAccountingTarget.ConnectorName);
}
