using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Connectors.Square;
using PosSync.Sandbox;
using PosSync.Sandbox.Square;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests;

/// <summary>
/// Every request the Square connector sends and every answer the Square sandbox gives, in the
/// connector's own days, held to Square's official OpenAPI file (../shared/specs/square-api.json, read
/// at test time): so neither strays from Square's contract while agreeing with each other.
/// </summary>
public class SquareConnectorContractTests
{
    private static readonly TimeZoneInfo LondonTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly Domain.Configuration.Location Soho = new(VendorWorld.London, "Soho", LondonTime, TimeSpan.FromHours(4));
    private static readonly Domain.Configuration.Location BrooklynShop =
        new(VendorWorld.Brooklyn, "Brooklyn", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), TimeSpan.FromHours(4));
    private static readonly DateOnly Monday = new(2025, 6, 2);

    /// <summary>Keeps the body of every answer that is not a 2xx, which Square's file declares only through the errors field of its 200s.</summary>
    private sealed class RefusalBodies(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<(string Method, string Url, HttpStatusCode Status, string Body)> _refusals = [];

        public IReadOnlyList<(string Method, string Url, HttpStatusCode Status, string Body)> Refusals
        {
            get { lock (_refusals) return _refusals.ToList(); }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is < 200 or >= 300)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                lock (_refusals) _refusals.Add((request.Method.Method, request.RequestUri!.ToString(), response.StatusCode, body));
            }
            return response;
        }
    }

    private sealed record Checked(ConnectorRig Rig, ContractCheckingHandler Contract, RefusalBodies Refusals) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Rig.DisposeAsync();
    }

    /// <summary>A rig whose Square client goes through the contract check (the token calls too: they share the connector's client).</summary>
    private static async Task<Checked> CheckedRigAsync(string merchant = VendorWorld.SquareLondonMerchant, params string[] scopes)
    {
        var refusals = new RefusalBodies(new SocketsHttpHandler());
        var contract = new ContractCheckingHandler(new ContractValidator(VendorSpecs.Square, mountPath: "/square"), refusals);
        var rig = await ConnectorRig.StartAsync(configure: services => services.AddHttpClient(SquareConnector.ConnectorName)
            .ConfigurePrimaryHttpMessageHandler(() => contract)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan));
        await rig.Vendors.ConnectSquareAsync(rig.Connections, rig.Context.ConsumerId, merchant, scopes);
        return new Checked(rig, contract, refusals);
    }

    private static DateTimeOffset LondonAt(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.FromHours(1)).AddHours(hour).AddMinutes(minute);

    private static SquareOrderBuilder PubOrder(string id, DateTimeOffset closedAt) =>
        new SquareOrderBuilder(id, VendorWorld.SohoPub, closedAt).Tax("vat", "VAT 20%", "20", additive: false, catalogId: "tax-vat20");

    /// <summary>A week at the pub with every shape of order the connector reads.</summary>
    private static void SeedWeek(SquareSandbox square)
    {
        var sale = PubOrder("O-SALE", LondonAt(Monday, 20)).Item(
            "l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender("T-SALE", "CARD", 2500, tip: 300);
        square.AddOrder(sale);
        square.AddOrder(PubOrder("O-SPLIT", LondonAt(Monday, 13)).Item("l1", "Soup of the day", "1", 650, "var-soup", ["vat"])
            .Item(
                "l2", "Pale ale", "1", 550, "var-ale-pint", ["vat"], discount: 50,
                discountName: "Happy hour").Tender("T-1", "CARD", 700).Tender("T-2", "CASH", 450));
        square.AddOrder(
            PubOrder("O-GIFT", LondonAt(Monday, 15)).Item(
                "l1", "Gift card", "1", 2000, itemType: "GIFT_CARD").Tender("T-3", "SQUARE_GIFT_CARD", 2000));
        square.AddOrder(PubOrder("O-ROUND", LondonAt(Monday, 19)).Item("l1", "Misc", "1", 1253, taxes: ["vat"], itemType: "CUSTOM_AMOUNT")
            .ServiceCharge("sc", "Service", 150, "vat").Tender("T-4", "CASH", 1405).Rounding(2));
        square.AddOrder(
            PubOrder("O-LATE", LondonAt(Monday.AddDays(1), 1, 30)).Item(
                "l1", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-5", "CARD", 550));
        square.AddOrder(PubOrder("O-RET", LondonAt(Monday.AddDays(2), 11)).Return(sale, "l1", "1").ReturnTip("T-SALE", 150).ReturnRounding(-2)
            .Refund("R-1", "T-SALE", 1398));
    }

    [Test]
    public async Task Every_request_of_the_connectors_days_and_every_answer_of_the_sandbox_keep_to_Squares_OpenAPI_file()
    {
        await using var @checked = await CheckedRigAsync();
        var (rig, contract) = (@checked.Rig, @checked.Contract);
        var square = rig.Vendors.Sandbox.Square;
        SeedWeek(square);
        square.OrdersPerPage = 2;
        var stored = (await rig.Connections.GetAsync(rig.Context.ConsumerId, ConnectionStore.Pos, CancellationToken.None))!;
        await rig.Connections.SaveAsync(rig.Context.ConsumerId, ConnectionStore.Pos, "square", stored.AccessToken,
            stored.RefreshToken, DateTime.UtcNow.AddMinutes(-1),
            stored.Scope, CancellationToken.None);
        var connector = rig.Pos<SquareConnector>();

        foreach (var day in new[] { Monday, Monday.AddDays(2) })
            Assert.That((await connector.FetchDayAsync(rig.Context, Soho, day, CancellationToken.None)).Failure, Is.Null);
        Assert.That((await connector.CatalogAsync(rig.Context, [Soho], CancellationToken.None)).Failure, Is.Null);
        Assert.That((await connector.LocationsAsync(rig.Context, CancellationToken.None)).Failure, Is.Null);

        contract.AssertAllKeptToTheContract();
        var operations = contract.Exchanges.Select(e => contract.Validator.FindOperation(e.Method, e.Url)?.ToString() ?? e.Url).Distinct().ToList();
        Assert.That(
            operations,
            Has.Count.EqualTo(5),
            "ObtainToken, ListLocations, SearchOrders, SearchCatalogObjects and BatchRetrieveOrders: " + string.Join(", ", operations));
    }

    [Test]
    public async Task The_additive_tax_day_of_the_Brooklyn_deli_keeps_to_Squares_OpenAPI_file()
    {
        await using var @checked = await CheckedRigAsync(VendorWorld.SquareBrooklynMerchant);
        var evening = new DateTimeOffset(2025, 6, 2, 19, 0, 0, TimeSpan.FromHours(-4));
        @checked.Rig.Vendors.Sandbox.Square.AddOrder(new SquareOrderBuilder("O-1", VendorWorld.BrooklynDeli, evening)
            .Tax(
                "state", "NY State", "4", additive: true, catalogId: "tax-ny-state").Tax("city", "NYC", "4.875",
                additive: true, catalogId: "tax-nyc")
            .Item(
                "l1", "Bagel", "2", 450, "var-bagel", ["state", "city"], discount: 100,
                discountName: "Regulars").Tender("T-1", "CARD", 871, tip: 150));

        var fetched = await @checked.Rig.Pos<SquareConnector>().FetchDayAsync(@checked.Rig.Context, BrooklynShop, Monday, CancellationToken.None);

        Assert.That(fetched.Failure, Is.Null, fetched.Failure?.Message);
        @checked.Contract.AssertAllKeptToTheContract();
    }

    /// <summary>
    /// The connector's refusal paths: rate limited twice, a cursor expired, a scope missing, a token
    /// revoked. Its requests keep to the file; the sandbox's refusals are statuses the file does not
    /// declare (Square declares only 200s), so their bodies are held to the errors field every answer has.
    /// </summary>
    [Test]
    public async Task The_sandboxs_refusals_are_Squares_error_envelope_with_Squares_own_categories_and_codes()
    {
        await using var @checked = await CheckedRigAsync();
        var (rig, contract) = (@checked.Rig, @checked.Contract);
        var square = rig.Vendors.Sandbox.Square;
        SeedWeek(square);
        square.OrdersPerPage = 2;
        square.CursorsToExpire = 1;
        square.Faults.Next("orders-search", new Fault(FaultKind.TooManyRequests), times: 2);
        square.Faults.Next("locations", new Fault(FaultKind.Status, 503), times: 1);
        var connector = rig.Pos<SquareConnector>();

        Assert.That((await connector.FetchDayAsync(rig.Context, Soho, Monday, CancellationToken.None)).Failure, Is.Null);
        await rig.Vendors.ConnectSquareAsync(
            rig.Connections,
            rig.Context.ConsumerId,
            VendorWorld.SquareLondonMerchant,
            SquareSandbox.MerchantProfileRead);
        Assert.That(
            (await connector.FetchDayAsync(rig.Context, Soho, Monday, CancellationToken.None)).Failure!.Message,
            Does.Contain("INSUFFICIENT_SCOPES"));
        square.OAuth.RevokeAll(VendorWorld.SquareLondonMerchant);
        Assert.That(
            (await connector.FetchDayAsync(rig.Context, Soho, Monday, CancellationToken.None)).Failure!.Message,
            Does.Contain("ACCESS_TOKEN_REVOKED"));

        var exchanges = contract.Exchanges;
        ContractAssert.Passes(exchanges.SelectMany(e => e.RequestViolations).ToList(), "the connector's requests");
        ContractAssert.Passes(
            exchanges.Where(e => e.StatusCode is >= 200 and < 300).SelectMany(e => e.ResponseViolations).ToList(),
            "the sandbox's 200s");
        var refusals = @checked.Refusals.Refusals;
        Assert.That(refusals.Select(r => (int)r.Status).Distinct(), Is.EquivalentTo(new[] { 503, 429, 400, 403, 401 }));
        foreach (var (method, url, status, body) in refusals)
        {
            var operation = contract.Validator.FindOperation(method, url);
            Assert.That(operation, Is.Not.Null, url);
            ContractAssert.Passes(
                contract.Validator.ValidateSchema(operation!.ResponseSchema(200)!, body, SchemaDirection.Response, $"{status} of {operation}"));
            ContractAssert.Passes(contract.Validator.ValidateSchema("Error",
                System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![0]!.ToJsonString(),
                SchemaDirection.Response));
        }
    }
}
