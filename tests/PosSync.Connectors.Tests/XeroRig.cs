using Microsoft.Extensions.DependencyInjection;
using PosSync.Connectors.Xero;
using PosSync.Pipeline;
using PosSync.Sandbox;
using PosSync.Sandbox.Xero;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The Xero target as the pipeline builds it, over a real SQLite world and the Xero sandbox on loopback,
/// a UK café's organisation connected; every call of the target's HttpClient goes through a
/// <see cref="ContractCheckingHandler"/> holding it and its answer to xero-accounting.yaml.
/// </summary>
public sealed class XeroRig : IAsyncDisposable
{
    public const string ConsumerId = "c-cafe-uk";
    public const string Account = XeroWorld.Account;
    private readonly ServiceProvider _provider;

    private XeroRig(ServiceProvider provider, TestWorld world, VendorWorld vendors, XeroOrganisation organisation, ContractCheckingHandler contract)
    {
        _provider = provider;
        World = world;
        Vendors = vendors;
        Organisation = organisation;
        Contract = contract;
    }

    public TestWorld World { get; }
    public VendorWorld Vendors { get; }
    public XeroSandbox Sandbox => Vendors.Sandbox.Xero;
    public XeroOrganisation Organisation { get; }
    public ContractCheckingHandler Contract { get; }
    public ConnectionStore Connections => _provider.GetRequiredService<ConnectionStore>();
    public XeroTarget Target => _provider.GetServices<IAccountingTarget>().OfType<XeroTarget>().Single();
    public ConnectorContext Context(IReadOnlyDictionary<string, string>? options = null) => new(ConsumerId, Guid.NewGuid(), options);

    public static async Task<XeroRig> StartAsync(int transientRetries = 2, int perWindow = 60, double windowSeconds = 60, int? concurrent = 5,
        TimeProvider? clock = null)
    {
        var world = await TestWorld.CreateAsync();
        var vendors = await VendorWorld.StartAsync();
        var organisation = XeroWorld.AddOrganisation(vendors.Sandbox);
        var options = vendors.Options(transientRetries: transientRetries);
        options.Xero = XeroWorld.Options(vendors.Sandbox, transientRetries: transientRetries, perWindow: perWindow, windowSeconds: windowSeconds,
            concurrent: concurrent);
        var contract = new ContractCheckingHandler(new ContractValidator(VendorSpecs.Xero, "/xero"));
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddPipelineServices(world.Database, world.Files, options, world.Protector);
        services.AddHttpClient(XeroTarget.ConnectorName)
            .ConfigurePrimaryHttpMessageHandler(() => contract)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        var provider = services.BuildServiceProvider();
        await XeroWorld.ConnectAsync(vendors.Sandbox, provider.GetRequiredService<ConnectionStore>(), ConsumerId);
        return new XeroRig(provider, world, vendors, organisation, contract);
    }

    /// <summary>The calls to Xero's Accounting API (not the identity server nor /connections, which the file does not describe).</summary>
    public IReadOnlyList<ContractExchange> AccountingExchanges =>
        Contract.Exchanges.Where(e => e.Url.Contains(XeroSandbox.Api, StringComparison.Ordinal)).ToList();

    public void AssertEveryAccountingCallKeptToTheContract()
    {
        var exchanges = AccountingExchanges;
        Assert.That(exchanges, Is.Not.Empty, "no call reached Xero's Accounting API");
        var strayed = exchanges.Where(e => e.Violations.Any()).ToList();
        Assert.That(strayed, Is.Empty, string.Join(Environment.NewLine, strayed));
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Vendors.DisposeAsync();
        World.Dispose();
    }
}
