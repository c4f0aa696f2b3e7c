using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosSync.Sandbox.Square;

/// <summary>
/// Square's Connect API on loopback, as docs/vendors/square.md describes it: the OAuth code flow
/// (JSON token body answering expires_at, 5-minute single-use codes, a refresh token that is reused,
/// never rotated), ListLocations, SearchCatalogObjects, SearchOrders (locations, states, one time
/// range, the CLOSED_AT sort rule, limit and cursor) and BatchRetrieveOrders; errors in Square's
/// envelope; Square-Version checked and recorded. Requests pass the sandboxes' shared gate (faults,
/// token and scope, rate limit, journal). Orders are seeded the way a till makes them
/// (<see cref="SquareOrderBuilder"/>) and answered the way Square shapes them.
/// </summary>
public sealed partial class SquareSandbox
{
    public const string Vendor = "square";
    public const string MerchantProfileRead = "MERCHANT_PROFILE_READ";
    public const string ItemsRead = "ITEMS_READ";
    public const string OrdersRead = "ORDERS_READ";
    public const string PaymentsRead = "PAYMENTS_READ";

    /// <summary>The scopes PosSync asks for (docs/vendors/square.md "Scopes are explicit").</summary>
    public static readonly string[] PosSyncScopes = [OrdersRead, PaymentsRead, ItemsRead, MerchantProfileRead];

    private sealed class Merchant(string id, string name, SquareCatalog catalog)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public SquareCatalog Catalog { get; } = catalog;
        public List<SquareLocation> Locations { get; } = [];
        public ConcurrentDictionary<string, JsonObject> Orders { get; } = new(StringComparer.Ordinal);
    }

    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Merchant> _merchants = new(StringComparer.Ordinal);
    private readonly SquareCursors _cursors = new();

    public SquareSandbox(TimeProvider clock, RequestJournal journal)
    {
        _clock = clock;
        Gate = new SandboxGate(Vendor, OAuth = NewOAuth(clock), Faults, journal, clock, Refusals)
        {
            // Square publishes no numbers; generous enough for a back-fill, small enough for a test to reach.
            Budget = new RequestBudget(50, TimeSpan.FromSeconds(1), clock),
        };
    }

    /// <summary>
    /// Square's authorisation server: client id and secret in the JSON body, 30-day access tokens,
    /// codes that live 5 minutes and are used once, and a code-flow refresh token that is multi-use
    /// and never expires (a refresh answers the same one).
    /// </summary>
    public OAuthServer OAuth { get; }

    public FaultPlan Faults { get; } = new();
    public SquareRefusals Refusals { get; } = new();

    /// <summary>The shared request pipeline; its <see cref="SandboxGate.Budget"/> is Square's undocumented rate limit.</summary>
    public SandboxGate Gate { get; }

    /// <summary>
    /// At most this many orders per SearchOrders page whatever the limit asked (null: the limit).
    /// "limit" is a maximum: a server may answer fewer, so a test makes several pages with a few orders.
    /// </summary>
    public int? OrdersPerPage { get; set; }

    /// <summary>
    /// "A page of retrieved records has a limited lifespan" and the docs do not say how long: the next
    /// this-many order-search cursors presented are refused as INVALID_CURSOR, as expired ones would be.
    /// </summary>
    public int CursorsToExpire
    {
        get => Volatile.Read(ref _cursorsToExpire);
        set => Volatile.Write(ref _cursorsToExpire, value);
    }

    private int _cursorsToExpire;

    /// <summary>SearchCatalogObjects' page when no usable limit is sent; a limit outside 1–1000 is ignored, not refused.</summary>
    public int CatalogPageSize { get; set; } = 100;

    private static OAuthServer NewOAuth(TimeProvider clock) => new(clock, TimeSpan.FromDays(30))
    {
        ClientId = "sq0idp-possync-sandbox",
        ClientSecret = "sq0csp-sandbox-client-secret",
        ClientAuthentication = ClientAuthenticationRule.BodyOnly,
        CodeLifetime = TimeSpan.FromMinutes(5),
        RefreshTokenReusable = true,
        ResponseTypeRequired = false,
        RedirectUriOptional = true,
        KnownScopes =
        {
            MerchantProfileRead, "MERCHANT_PROFILE_WRITE", PaymentsRead, "PAYMENTS_WRITE", OrdersRead, "ORDERS_WRITE", ItemsRead, "ITEMS_WRITE",
            "CUSTOMERS_READ", "CUSTOMERS_WRITE", "SETTLEMENTS_READ", "BANK_ACCOUNTS_READ", "INVENTORY_READ", "EMPLOYEES_READ", "TIMECARDS_READ",
        },
    };

    /// <summary>A seller (its merchant id is what its tokens open) whose catalog prices are in <paramref name="currency"/>.</summary>
    public void AddMerchant(string merchantId, string name, string currency) =>
        _merchants[merchantId] = new Merchant(merchantId, name, new SquareCatalog(_clock, currency));

    public void AddLocation(string merchantId, SquareLocation location) => _merchants[merchantId].Locations.Add(location);

    public SquareCatalog Catalog(string merchantId) => _merchants[merchantId].Catalog;

    /// <summary>Stores an order as Square would answer it; an order of the same id is replaced (a later version).</summary>
    public JsonObject AddOrder(SquareOrderBuilder order)
    {
        var built = order.Build();
        AddRawOrder(order.Location.Id, built);
        return built;
    }

    /// <summary>An order stored exactly as given, whatever it holds (a vendor answering garbage).</summary>
    public void AddRawOrder(string locationId, JsonObject order)
    {
        var merchant = MerchantOf(locationId) ?? throw new ArgumentException($"no location {locationId}", nameof(locationId));
        merchant.Orders[order["id"]?.ToString() ?? Guid.NewGuid().ToString("N")] = order;
    }

    /// <summary>Every stored order of a seller, as the till wrote it.</summary>
    public IReadOnlyList<JsonObject> Orders(string merchantId) => _merchants[merchantId].Orders.Values.ToList();

    private Merchant? MerchantOf(string locationId) => _merchants.Values.FirstOrDefault(m => m.Locations.Any(l => l.Id == locationId));

    public void Map(IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix);
        group.MapGet("/oauth2/authorize", Consent);
        group.MapPost("/oauth2/token", Token);
        group.MapGet("/v2/locations", Locations);
        group.MapPost("/v2/catalog/search", SearchCatalog);
        group.MapPost("/v2/orders/search", SearchOrders);
        group.MapPost("/v2/orders/batch-retrieve", BatchRetrieveOrders);
    }

    private async Task Consent(HttpContext http) => await Gate.AnswerAsync(http, null, OAuth.ConsentEndpoint(http.Request));

    /// <summary>
    /// ObtainToken: a JSON body (a form body is refused), client_id and grant_type required, the client
    /// secret in the body; the answer carries expires_at and merchant_id, never expires_in.
    /// </summary>
    private async Task Token(HttpContext http)
    {
        const string route = "oauth-token";
        if (await FaultPlan.ApplyBeforeAsync(Faults.Take(route), http, Refusals.Error, Refusals.RateLimited))
        {
            Gate.Record(http, null);
            return;
        }
        if (VersionProblem(http) is { } badVersion)
        {
            await Gate.AnswerAsync(http, null, badVersion);
            return;
        }
        var (body, unreadable) = await ReadBodyAsync(http);
        if (body is null)
        {
            await Gate.AnswerAsync(http, null, unreadable!);
            return;
        }
        var parameters = body.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var required in new[] { "client_id", "grant_type" })
        {
            if (parameters.ContainsKey(required)) continue;
            await Gate.AnswerAsync(http, null, SquareError.Invalid("MISSING_REQUIRED_PARAMETER",
                $"Missing required parameter '{required}'.", required));
            return;
        }
        var (token, error, reason) = OAuth.Grant(parameters, SandboxGate.Authorization(http));
        var answer = error switch
        {
            OAuthServer.GrantError.None => Results.Json(TokenAnswer(token!)),
            OAuthServer.GrantError.RedirectUriMismatch => SquareError.Invalid("INVALID_VALUE", reason, "redirect_uri"),
            OAuthServer.GrantError.UnsupportedGrant => SquareError.Invalid("INVALID_VALUE", reason, "grant_type"),
            _ => SquareError.Answer(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", reason),
        };
        await Gate.AnswerAsync(http, token, answer);
    }

    private static Dictionary<string, object> TokenAnswer(IssuedToken token) => new()
    {
        ["access_token"] = token.AccessToken,
        ["token_type"] = "bearer",
        ["expires_at"] = token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["merchant_id"] = token.Account,
        ["refresh_token"] = token.RefreshToken,
        ["short_lived"] = false,
    };

    /// <summary>ListLocations: every location of the seller, inactive ones included, sorted by name; no paging.</summary>
    private async Task Locations(HttpContext http)
    {
        if (await AdmitAsync(http, "locations", MerchantProfileRead) is not ({ } token, { } merchant)) return;
        var locations = merchant.Locations.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => (JsonNode)new JsonObject
        {
            ["id"] = l.Id,
            ["name"] = l.Name,
            ["timezone"] = l.TimeZone,
            ["status"] = l.Status,
            ["created_at"] = "2024-01-15T09:00:00Z",
            ["merchant_id"] = merchant.Id,
            ["country"] = l.Country,
            ["currency"] = l.Currency,
            ["business_name"] = merchant.Name,
            ["type"] = "PHYSICAL",
        }).ToArray();
        await Gate.AnswerAsync(http, token, Json(new JsonObject { ["locations"] = new JsonArray(locations) }));
    }

    /// <summary>
    /// SearchCatalogObjects: object_types (top-level types when none), deleted objects only when
    /// asked, begin_time, an advisory limit, cursor pages. A query is not implemented: refused rather
    /// than answered as if it matched everything.
    /// </summary>
    private async Task SearchCatalog(HttpContext http)
    {
        const string route = "catalog-search";
        if (await AdmitAsync(http, route, ItemsRead) is not ({ } token, { } merchant)) return;
        var (body, unreadable) = await ReadBodyAsync(http);
        if (body is null)
        {
            await Gate.AnswerAsync(http, token, unreadable!);
            return;
        }
        var types = new List<string>();
        foreach (var type in body["object_types"] as JsonArray ?? [])
        {
            var text = (type as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
            if (text is null || !Enum.GetNames<CatalogObjectType>().Contains(text, StringComparer.Ordinal))
            {
                await Gate.AnswerAsync(http, token, SquareError.Invalid("INVALID_ENUM_VALUE",
                    $"Unknown catalog object type {type?.ToJsonString()}.", "object_types"));
                return;
            }
            types.Add(text);
        }
        if (body["query"] is not null)
        {
            await Gate.AnswerAsync(http, token, SquareError.Invalid("BAD_REQUEST", "The sandbox does not implement catalog queries.", "query"));
            return;
        }
        DateTimeOffset? begin = null;
        if (body["begin_time"] is JsonValue bt && bt.TryGetValue<string>(out var beginText))
            begin = DateTimeOffset.Parse(beginText, CultureInfo.InvariantCulture);
        var limit = body["limit"] is JsonValue lv && lv.TryGetValue<int>(out var l) && l is >= 1 and <= 1000 ? l : CatalogPageSize;
        var includeDeleted = body["include_deleted_objects"] is JsonValue d && d.TryGetValue<bool>(out var deleted) && deleted;
        var query = SquareOrderQuery.Fingerprint(body);
        var offset = 0;
        if (CursorOf(body) is { } cursor)
        {
            if (_cursors.Follow(cursor, merchant.Id, route + query) is not { } page)
            {
                await Gate.AnswerAsync(http, token, SquareError.Invalid("INVALID_CURSOR", "The pagination cursor is invalid.", "cursor"));
                return;
            }
            offset = page.Offset;
        }
        var all = merchant.Catalog.Search(types, includeDeleted, begin);
        var answer = new JsonObject { ["objects"] = new JsonArray(all.Skip(offset).Take(limit).Select(o => (JsonNode)o).ToArray()) };
        if (offset + limit < all.Count)
            answer["cursor"] = _cursors.Issue(new SquareCursors.Page(merchant.Id, route + query, offset + limit, _clock.GetUtcNow()));
        answer["latest_time"] = SquareMoney.Time(_clock.GetUtcNow());
        await Gate.AnswerAsync(http, token, Json(answer));
    }

    /// <summary>SearchOrders, refusing what Square refuses (<see cref="SquareOrderQuery"/>), paged by cursor on the original query.</summary>
    private async Task SearchOrders(HttpContext http)
    {
        const string route = "orders-search";
        if (await AdmitAsync(http, route, OrdersRead) is not ({ } token, { } merchant)) return;
        var (body, unreadable) = await ReadBodyAsync(http);
        if (body is null)
        {
            await Gate.AnswerAsync(http, token, unreadable!);
            return;
        }
        var (query, refusal) = SquareOrderQuery.Read(body, merchant.Locations.Select(l => l.Id).ToList());
        if (query is null)
        {
            await Gate.AnswerAsync(http, token, refusal!);
            return;
        }
        var fingerprint = SquareOrderQuery.Fingerprint(body);
        var offset = 0;
        var firstAsked = _clock.GetUtcNow();
        if (CursorOf(body) is { } cursor)
        {
            var expired = Interlocked.Decrement(ref _cursorsToExpire) >= 0;
            if (!expired) Interlocked.Increment(ref _cursorsToExpire);
            if (expired || _cursors.Follow(cursor, merchant.Id, route + fingerprint) is not { } page)
            {
                await Gate.AnswerAsync(http, token, SquareError.Invalid("INVALID_CURSOR",
                    "The pagination cursor is invalid or was issued for another query.", "cursor"));
                return;
            }
            (offset, firstAsked) = (page.Offset, page.FirstAsked);
        }
        var size = Math.Min(query.Limit, OrdersPerPage ?? query.Limit);
        var selected = query.Select(merchant.Orders.Values, firstAsked).ToList();
        var pageOrders = selected.Skip(offset).Take(size).ToList();
        var answer = new JsonObject();
        if (query.ReturnEntries)
            answer["order_entries"] = new JsonArray(pageOrders.Select(o => (JsonNode)new JsonObject
            {
                ["order_id"] = o["id"]?.DeepClone(), ["version"] = o["version"]?.DeepClone(), ["location_id"] = o["location_id"]?.DeepClone(),
            }).ToArray());
        else
            answer["orders"] = new JsonArray(pageOrders.Select(o => o.DeepClone()).ToArray());
        if (offset + size < selected.Count)
            answer["cursor"] = _cursors.Issue(new SquareCursors.Page(merchant.Id, route + fingerprint, offset + size, firstAsked));
        await Gate.AnswerAsync(http, token, Json(answer));
    }

    /// <summary>BatchRetrieveOrders: up to 100 ids of the seller (of one location when given); unknown ones are left out.</summary>
    private async Task BatchRetrieveOrders(HttpContext http)
    {
        if (await AdmitAsync(http, "orders-batch-retrieve", OrdersRead) is not ({ } token, { } merchant)) return;
        var (body, unreadable) = await ReadBodyAsync(http);
        if (body is null)
        {
            await Gate.AnswerAsync(http, token, unreadable!);
            return;
        }
        if (body["order_ids"] is not JsonArray ids || ids.Count == 0)
        {
            await Gate.AnswerAsync(http, token, SquareError.Invalid("MISSING_REQUIRED_PARAMETER", "order_ids is required.", "order_ids"));
            return;
        }
        if (ids.Count > 100)
        {
            await Gate.AnswerAsync(http, token, SquareError.Invalid("ARRAY_LENGTH_TOO_LONG", $"At most 100 order ids, got {ids.Count}.",
                "order_ids"));
            return;
        }
        var location = body["location_id"] is JsonValue lv && lv.TryGetValue<string>(out var l) ? l : null;
        var found = ids.Select(i => i?.ToString()).OfType<string>()
            .Select(id => merchant.Orders.GetValueOrDefault(id))
            .OfType<JsonObject>()
            .Where(o => location is null || o["location_id"]?.ToString() == location)
            .Select(o => o.DeepClone()).ToArray();
        await Gate.AnswerAsync(http, token, Json(new JsonObject { ["orders"] = new JsonArray(found) }));
    }

    /// <summary>The shared gate, then Square's own checks: a well-formed Square-Version, and the token's seller.</summary>
    private async Task<(IssuedToken Token, Merchant Merchant)?> AdmitAsync(HttpContext http, string route, string scope)
    {
        if (await Gate.AdmitAsync(http, route, scope) is not { } token) return null;
        if (VersionProblem(http) is { } badVersion)
        {
            await Gate.AnswerAsync(http, token, badVersion);
            return null;
        }
        if (!_merchants.TryGetValue(token.Account, out var merchant))
        {
            await Gate.AnswerAsync(http, token, SquareError.Answer(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED",
                "The token's merchant does not exist."));
            return null;
        }
        return (token, merchant);
    }

    /// <summary>
    /// Square-Version overrides the application's pinned version per request; without it the pinned one
    /// applies. A value that is not YYYY-MM-DD is refused.
    /// </summary>
    private static IResult? VersionProblem(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(SquareVersionHeader, out var values)) return null;
        var version = values.ToString();
        return VersionPattern().IsMatch(version) && DateOnly.TryParseExact(version, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out _)
            ? null
            : SquareError.Invalid("INVALID_SQUARE_VERSION_FORMAT", $"Square-Version '{version}' is incorrectly formatted: expected YYYY-MM-DD.");
    }

    public const string SquareVersionHeader = "Square-Version";

    private static async Task<(JsonObject? Body, IResult? Refusal)> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, SquareError.Invalid("INVALID_CONTENT_TYPE", $"Content-Type must be application/json, not '{http.Request.ContentType}'."));
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body) is JsonObject body
                ? (body, null)
                : (null, SquareError.Invalid("EXPECTED_JSON_BODY", "The request body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, SquareError.Invalid("EXPECTED_JSON_BODY", "The request body is not valid JSON."));
        }
    }

    private static string? CursorOf(JsonObject body) => body["cursor"] is JsonValue c && c.TryGetValue<string>(out var cursor)
        && cursor.Length > 0 ? cursor : null;

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex VersionPattern();

    /// <summary>SPEC's CatalogObjectType, the enum object_types is checked against.</summary>
    private enum CatalogObjectType
    {
        ITEM, IMAGE, CATEGORY, ITEM_VARIATION, TAX, DISCOUNT, MODIFIER_LIST, MODIFIER, PRICING_RULE, PRODUCT_SET, TIME_PERIOD, MEASUREMENT_UNIT,
        SUBSCRIPTION_PLAN_VARIATION, ITEM_OPTION, ITEM_OPTION_VAL, CUSTOM_ATTRIBUTE_DEFINITION, QUICK_AMOUNTS_SETTINGS, SUBSCRIPTION_PLAN,
        AVAILABILITY_PERIOD,
    }
}
