using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Demo;

/// <summary>
/// A demo client: its configuration and the vendor login ("account") its tools answer to; its accounting
/// tool's login when it is another (a Square seller's id is not its Xero login).
/// </summary>
public sealed record DemoClient(ConsumerConfiguration Config, string Account, string? AccountingAccount = null)
{
    public string LoginAt(ConnectorRole role) => role == ConnectorRole.Accounting ? AccountingAccount ?? Account : Account;
}
