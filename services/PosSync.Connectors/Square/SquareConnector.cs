using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Square;

/// <summary>
/// Square Point of Sale through the Connect API (docs/vendors/square.md). Square has no day closure:
/// a business day is the window from the consumer's cut-off in the location's time zone to the next
/// one, closed once the grace (settings.close_after) has passed after it; its orders are the
/// completed orders closed in the window, read page by page. A consumer's location ids are Square
/// location ids; payment methods are tender types; categories come from the catalog. OAuth code
/// flow, scopes ORDERS_READ, PAYMENTS_READ, ITEMS_READ, MERCHANT_PROFILE_READ.
/// </summary>
public sealed class SquareConnector(VendorHttp http, VendorOptions options, TimeProvider clock) : IPosConnector
{
    public const string ConnectorName = "square";

    /// <summary>The catalog types a day's lines need: variations lead to items, items to categories.</summary>
    private static readonly string[] DayCatalogTypes = ["ITEM", "ITEM_VARIATION", "CATEGORY"];

    /// <summary>Orders taken offline "might not be transmitted to Square for up to 72 hours" (docs/vendors/square.md "Offline sales").</summary>
    public static readonly TimeSpan OfflineUploadWindow = TimeSpan.FromHours(72);

    public string Name => ConnectorName;

    public TimeSpan LateOrders => OfflineUploadWindow;

    private VendorConnection Connection(ConnectorContext context) => new(context, ConnectorName, ConnectionStore.Pos, options.Square);

    private sealed record SquareLocation(string Id, string Name, string? TimeZone, string? Currency);

    public async Task<ConnectorResult<PosDay>> FetchDayAsync(
        ConnectorContext context,
        Location location,
        DateOnly businessDate,
        CancellationToken cancellationToken)
    {
        var (locations, failure) = await SquareLocationsAsync(context, cancellationToken);
        if (failure is not null) return ConnectorResult<PosDay>.Fail(failure);
        if (locations!.FirstOrDefault(l => l.Id == location.Id) is not { } square)
            return ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.Rejected,
                $"Square has no location {location.Id} for this connection (it has {string.Join(", ", locations!.Select(l => $"{l.Id} {l.Name}"))}): "
                + "the consumer's location id must be a Square location id of the seller who consented."));
        if (SquareCurrency.Exponent(square.Currency) is null)
            return Invalid($"location {square.Id} has no usable currency ({square.Currency ?? "none"})");
        // Square's zone is the location's truth; a location without one is read in UTC (docs/vendors/square.md "Locations").
        TimeZoneInfo zone;
        try
        {
            zone = square.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        }
        catch (TimeZoneNotFoundException)
        {
            return Invalid($"location {square.Id} has a time zone this server does not know: {square.TimeZone}");
        }

        var window = BusinessDayWindow.Of(businessDate, zone, location.DayCutoff, context.CloseAfter ?? Settings.DefaultCloseAfter);
        var now = clock.GetUtcNow();
        // Square never closes a day: it counts as closed once the grace after its end is over.
        var closure = new Closure(window.IsClosedAt(now) ? ClosureStatus.Closed : ClosureStatus.Open);
        if (!window.HasBegunAt(now))
            return ConnectorResult<PosDay>.Ok(
                new PosDay(new ServiceDay { LocationId = location.Id, BusinessDate = businessDate, Closure = closure }));

        var (orders, searchFailure) = await SearchDayAsync(context, square.Id, window, cancellationToken);
        if (searchFailure is not null) return ConnectorResult<PosDay>.Fail(searchFailure);
        try
        {
            var catalog = new SquareCatalogIndex();
            if (orders!.Any(NamesCatalogObjects))
            {
                var catalogFailure = await ReadCatalogAsync(context, DayCatalogTypes, includeDeleted: true, catalog.Add, cancellationToken);
                if (catalogFailure is not null) return ConnectorResult<PosDay>.Fail(catalogFailure);
            }
            var (tenderTypes, tenderFailure) = await TenderTypesAsync(context, square.Id, orders!, cancellationToken);
            if (tenderFailure is not null) return ConnectorResult<PosDay>.Fail(tenderFailure);

            var json = new VendorJson();
            var mapping = new SquareOrderContext(businessDate, square.Currency!, catalog, tenderTypes!);
            var mapped = orders!.Select((order, index) => SquareOrderMapper.Map(order.RootElement, $"orders[{index}]", mapping, json))
                .OfType<Order>().ToList();
            if (json.HasProblems) return Invalid($"its orders of {businessDate:yyyy-MM-dd} are not usable: {json.Describe()}");
            return ConnectorResult<PosDay>.Ok(new PosDay(new ServiceDay
            {
                LocationId = location.Id, BusinessDate = businessDate, Closure = closure, Orders = mapped,
            }));
        }
        finally
        {
            foreach (var order in orders!) order.Dispose();
        }

        static ConnectorResult<PosDay> Invalid(string problem) =>
            ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"Square answered with data that is not usable: {problem}"));
    }

    /// <summary>Whether a line of the order, sold or returned, names a catalog variation (only then is the catalog read).</summary>
    private static bool NamesCatalogObjects(JsonDocument order) =>
        Elements(order.RootElement, "line_items").Concat(Elements(order.RootElement, "returns").SelectMany(r => Elements(r, "return_line_items")))
            .Any(line => Text(line, "catalog_object_id") is not null);

    /// <summary>
    /// Every completed order closed in the window, page after page with the same body. A cursor
    /// Square no longer takes (INVALID_CURSOR; the docs do not say how long one lives) restarts the
    /// whole read from page one, once: a page resumed from elsewhere could miss or repeat orders.
    /// </summary>
    private async Task<(List<JsonDocument>? Orders, ConnectorFailure? Failure)> SearchDayAsync(ConnectorContext context, string locationId,
        BusinessDayWindow window, CancellationToken cancellationToken)
    {
        for (var restarted = false; ; restarted = true)
        {
            var orders = new List<JsonDocument>();
            string? cursor = null;
            var invalidCursor = false;
            do
            {
                var body = SquareDayQuery.Body(locationId, window, cursor);
                var result = await http.SendAsync(Connection(context), Post("orders-search", "/v2/orders/search", body), cancellationToken);
                if (Failed(result) is { } failure)
                {
                    invalidCursor = cursor is not null && SquareErrors.Codes(result.Body).Contains(SquareErrors.InvalidCursor);
                    if (invalidCursor && !restarted) break;
                    Dispose(orders);
                    return (null, Explained(failure, result.Body));
                }
                using var page = VendorJson.Parse(result.Body, out var problem);
                if (page is null || page.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Dispose(orders);
                    return (null, NotUsable("orders-search", problem ?? "the answer is not a JSON object"));
                }
                var json = new VendorJson();
                foreach (var (order, _) in json.Array(page.RootElement, "orders", "response", required: false))
                    orders.Add(JsonDocument.Parse(order.GetRawText()));
                // Past the maximum the day is refused at once: no further page is fetched or held.
                if (orders.Count > DayLimits.MaxOrders)
                {
                    Dispose(orders);
                    return (null, ConnectorFailure.DayTooLarge(DayLimits.MoreOrdersThan($"Square's day at location {locationId}", orders.Count)));
                }
                cursor = json.Text(page.RootElement, "cursor", "response", required: false);
                if (json.HasProblems)
                {
                    Dispose(orders);
                    return (null, NotUsable("orders-search", json.Describe()));
                }
            }
            while (cursor is { Length: > 0 });
            if (!invalidCursor) return (orders, null);
            Dispose(orders);
        }

        static void Dispose(List<JsonDocument> documents)
        {
            foreach (var document in documents) document.Dispose();
        }
    }

    /// <summary>
    /// The type of every tender the day's refunds name. A return's refund points to a tender of the
    /// sale it returns, which may belong to an earlier day: those sales are retrieved, 100 at a time.
    /// </summary>
    private async Task<(Dictionary<string, string>? Types, ConnectorFailure? Failure)> TenderTypesAsync(ConnectorContext context, string locationId,
        List<JsonDocument> orders, CancellationToken cancellationToken)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        AddTenders(types, orders.Select(o => o.RootElement));
        var wanted = orders.SelectMany(o => Elements(o.RootElement, "refunds")).Select(r => Text(r, "tender_id")).OfType<string>()
            .Where(t => !types.ContainsKey(t)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return (types, null);
        var sales = orders.SelectMany(o => Elements(o.RootElement, "returns")).Select(r => Text(r, "source_order_id")).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in sales.Chunk(100))
        {
            var body = new JsonObject { ["location_id"] = locationId, ["order_ids"] = new JsonArray(chunk.Select(id => (JsonNode)id).ToArray()) };
            var result = await http.SendAsync(
                Connection(context),
                Post("orders-batch-retrieve", "/v2/orders/batch-retrieve", body),
                cancellationToken);
            if (Failed(result) is { } failure) return (null, Explained(failure, result.Body));
            using var answer = VendorJson.Parse(result.Body, out var problem);
            if (answer is null) return (null, NotUsable("orders-batch-retrieve", problem));
            AddTenders(types, Elements(answer.RootElement, "orders"));
        }
        return (types, null);

        static void AddTenders(Dictionary<string, string> types, IEnumerable<JsonElement> orders)
        {
            foreach (var tender in orders.SelectMany(o => Elements(o, "tenders")))
                if (Text(tender, "id") is { } id && Text(tender, "type") is { } type) types[id] = type;
        }
    }

    /// <summary>Every location of the seller, with its time zone and currency.</summary>
    private async Task<(List<SquareLocation>? Locations, ConnectorFailure? Failure)> SquareLocationsAsync(
        ConnectorContext context,
        CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(Connection(context), new VendorRequest("locations", HttpMethod.Get, "/v2/locations"), cancellationToken);
        if (Failed(result) is { } failure) return (null, Explained(failure, result.Body));
        using var document = VendorJson.Parse(result.Body, out var problem);
        if (document is null) return (null, NotUsable("locations", problem));
        var json = new VendorJson();
        var locations = json.Array(document.RootElement, "locations", "response", required: false)
            .Select(l => new SquareLocation(json.Text(l.Item, "id", l.Path) ?? "", json.Text(l.Item, "name", l.Path, required: false) ?? "",
                json.Text(l.Item, "timezone", l.Path, required: false), json.Text(l.Item, "currency", l.Path, required: false)))
            .ToList();
        return json.HasProblems ? (null, NotUsable("locations", json.Describe())) : (locations, null);
    }

    public async Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var (locations, failure) = await SquareLocationsAsync(context, cancellationToken);
        return failure is not null
            ? ConnectorResult<IReadOnlyList<PosLocation>>.Fail(failure)
            : ConnectorResult<IReadOnlyList<PosLocation>>.Ok(locations!.Select(l => new PosLocation(l.Id, l.Name, l.TimeZone)).ToList());
    }

    /// <summary>
    /// What a mapping must cover: every tender type that carries money, the seller's regular
    /// categories with PosSync's own (custom amounts, uncategorised items, service charges, gift
    /// cards sold), and the rate of every enabled tax, with 0 for untaxed lines. Square's catalog is
    /// the seller's, the same for every location.
    /// </summary>
    public async Task<ConnectorResult<PosCatalog>> CatalogAsync(
        ConnectorContext context,
        IReadOnlyList<Location> locations,
        CancellationToken cancellationToken)
    {
        var categories = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var rates = new HashSet<decimal> { 0m };
        var json = new VendorJson();
        var failure = await ReadCatalogAsync(context, ["CATEGORY", "TAX"], includeDeleted: false, objects =>
        {
            foreach (var o in objects.EnumerateArray())
            {
                var id = Text(o, "id") ?? "";
                if (Text(o, "type") == "CATEGORY" && o.TryGetProperty("category_data", out var category)
                    && Text(category, "category_type") is null or "REGULAR_CATEGORY")
                    categories[id] = new CatalogEntry(id, Text(category, "name") ?? id);
                if (Text(o, "type") == "TAX"
                    && o.TryGetProperty("tax_data", out var tax)
                    && !(tax.TryGetProperty("enabled", out var on) && on.ValueKind == JsonValueKind.False))
                    // A tax without a percentage (SPEC allows none) names no rate a line could carry.
                    rates.Add(json.Decimal(tax, "percentage", $"objects.{id}.tax_data", required: false));
            }
        }, cancellationToken);
        if (failure is not null) return ConnectorResult<PosCatalog>.Fail(failure);
        if (json.HasProblems) return ConnectorResult<PosCatalog>.Fail(NotUsable("catalog-search", json.Describe()));
        foreach (var own in SquareCategories.Own) categories.TryAdd(own.Id, own);
        return ConnectorResult<PosCatalog>.Ok(new PosCatalog(SquareTenderTypes.PaymentMethods, categories.Values.ToList(), rates.Order().ToList()));
    }

    /// <summary>SearchCatalogObjects for the given types, every page; each page's objects go to <paramref name="add"/>.</summary>
    private async Task<ConnectorFailure?> ReadCatalogAsync(ConnectorContext context, string[] types, bool includeDeleted, Action<JsonElement> add,
        CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var body = new JsonObject
            {
                ["object_types"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray()),
                // A past order may name an item deleted since: the day still needs its category.
                ["include_deleted_objects"] = includeDeleted,
                ["limit"] = 1000,
            };
            if (cursor is not null) body["cursor"] = cursor;
            var result = await http.SendAsync(Connection(context), Post("catalog-search", "/v2/catalog/search", body), cancellationToken);
            if (Failed(result) is { } failure) return Explained(failure, result.Body);
            using var page = VendorJson.Parse(result.Body, out var problem);
            if (page is null || page.RootElement.ValueKind != JsonValueKind.Object)
                return NotUsable("catalog-search", problem ?? "the answer is not a JSON object");
            if (page.RootElement.TryGetProperty("objects", out var objects))
            {
                if (objects.ValueKind != JsonValueKind.Array) return NotUsable("catalog-search", "response.objects is not an array");
                add(objects);
            }
            cursor = Text(page.RootElement, "cursor");
        }
        while (cursor is { Length: > 0 });
        return null;
    }

    private static VendorRequest Post(string operation, string path, JsonObject body) =>
        new(operation, HttpMethod.Post, path, () => JsonContent.Create(body), ReadOnly: true);

    /// <summary>A failed call's failure; a 5xx Square may have seen is no different for a read, which is repeated anyway.</summary>
    private static ConnectorFailure? Failed(VendorResult result) =>
        result.Failure
            ?? (result.Succeeded ? null : ConnectorFailure.Pos(FailureKind.Unavailable, $"Square did not answer: {result.Detail}; " +
                "the day will be tried again later."));

    /// <summary>
    /// Square's codes said in words where they change what the client must do: a missing scope is
    /// not a password changed, it needs a new consent granting every scope.
    /// </summary>
    private static ConnectorFailure Explained(ConnectorFailure failure, string? body) =>
        failure.Kind == FailureKind.Auth && SquareErrors.Codes(body).Contains(SquareErrors.InsufficientScopes)
            ? failure with
            {
                Message = $"{failure.Message} The connection was granted without a scope PosSync needs; a refresh cannot add one, "
                          + "so the client must consent again granting ORDERS_READ, PAYMENTS_READ, ITEMS_READ and MERCHANT_PROFILE_READ.",
            }
            : failure;

    private static ConnectorFailure NotUsable(string operation, string? problem) =>
        ConnectorFailure.Pos(FailureKind.InvalidData, $"Square answered {operation} with data that is not usable: {problem}");

    private static IEnumerable<JsonElement> Elements(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [];

    private static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
