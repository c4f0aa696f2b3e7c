using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using PosSync.Sandbox;
using PosSync.Sandbox.Square;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The Square sandbox refuses what docs/vendors/square.md says Square refuses, and answers what it
/// says Square answers: a connector that strays from the contract fails against it. Plain HTTP, no
/// PosSync code.
/// </summary>
public class SquareSandboxTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
    private FixedClock _clock = null!;
    private SandboxHost _sandbox = null!;
    private HttpClient _http = null!;

    private SquareSandbox Square => _sandbox.Square;

    [SetUp]
    public async Task Start()
    {
        _clock = new FixedClock(Now);
        _sandbox = await SandboxHost.StartAsync(clock: _clock);
        _http = new HttpClient();
        Square.AddMerchant(VendorWorld.SquareLondonMerchant, "The Soho Arms Ltd", "GBP");
        Square.AddLocation(VendorWorld.SquareLondonMerchant, VendorWorld.SohoPub);
        Square.AddMerchant("MLSQOTHER001", "Someone Else", "GBP");
        Square.AddLocation("MLSQOTHER001", new SquareLocation("LSQOTHER01", "Elsewhere", "Europe/London", "GB", "GBP"));
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private string Url(string path) => _sandbox.SquareUrl + path;

    private string Token(params string[] scopes) =>
        Square.OAuth.IssueFor(VendorWorld.SquareLondonMerchant, scopes.Length == 0 ? SquareSandbox.PosSyncScopes : scopes).AccessToken;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, object? body = null,
        string? token = null, string? version = "2025-08-20", HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (version is not null) request.Headers.TryAddWithoutValidation("Square-Version", version);
        request.Content = content
            ?? (body is null ? null : new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone(), response);
    }

    private static (string Category, string Code, string? Field) FirstError(JsonElement body)
    {
        var error = body.GetProperty("errors")[0];
        return (error.GetProperty("category").GetString()!, error.GetProperty("code").GetString()!,
            error.TryGetProperty("field", out var field) ? field.GetString() : null);
    }

    private async Task<string> CodeAsync(string? redirect = OAuthServer.DefaultRedirectUri)
    {
        var consent = Url("/oauth2/authorize") + $"?client_id={Square.OAuth.ClientId}&scope=ORDERS_READ+ITEMS_READ&session=false&state=s-1"
                      + (redirect is null ? "" : $"&redirect_uri={Uri.EscapeDataString(redirect)}");
        var landed = await SandboxBrowser.GrantAsync(new Uri(consent), VendorWorld.SquareLondonMerchant);
        Assert.That(HttpUtility.ParseQueryString(new Uri(landed).Query)["state"], Is.EqualTo("s-1"));
        return HttpUtility.ParseQueryString(new Uri(landed).Query)["code"]!;
    }

    private Dictionary<string, string> Exchange(string code, string? redirect = OAuthServer.DefaultRedirectUri, string? secret = null)
    {
        var body = new Dictionary<string, string>
        {
            ["client_id"] = Square.OAuth.ClientId, ["client_secret"] = secret ?? Square.OAuth.ClientSecret,
            ["grant_type"] = "authorization_code", ["code"] = code,
        };
        if (redirect is not null) body["redirect_uri"] = redirect;
        return body;
    }

    [Test]
    public async Task The_token_answer_says_expires_at_and_merchant_id_never_expires_in()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", Exchange(await CodeAsync()));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(body.GetProperty("merchant_id").GetString(), Is.EqualTo(VendorWorld.SquareLondonMerchant));
        Assert.That(DateTimeOffset.Parse(body.GetProperty("expires_at").GetString()!), Is.EqualTo(Now.AddDays(30)), "access tokens last 30 days");
        Assert.That(body.TryGetProperty("expires_in", out _), Is.False);
    }

    [Test]
    public async Task A_form_encoded_token_request_is_refused_because_Square_takes_JSON()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", content: new FormUrlEncodedContent(Exchange(await CodeAsync())));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(FirstError(body).Code, Is.EqualTo("INVALID_CONTENT_TYPE"));
    }

    [TestCase("wrong secret", TestName = "A wrong client secret is refused with 401 UNAUTHORIZED")]
    [TestCase("reused code", TestName = "A code used twice is refused with 401 UNAUTHORIZED the second time")]
    [TestCase("expired code", TestName = "A code older than 5 minutes is refused with 401 UNAUTHORIZED")]
    public async Task Token_refusals(string what)
    {
        var code = await CodeAsync();
        if (what == "reused code")
            Assert.That((await SendAsync(HttpMethod.Post, "/oauth2/token", Exchange(code))).Status, Is.EqualTo(HttpStatusCode.OK));
        if (what == "expired code") _clock.Now = Now.AddMinutes(5).AddSeconds(1);

        var (status, body, _) = await SendAsync(
            HttpMethod.Post,
            "/oauth2/token",
            Exchange(code, secret: what == "wrong secret" ? "sq0csp-wrong" : null));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(FirstError(body), Is.EqualTo(("AUTHENTICATION_ERROR", "UNAUTHORIZED", (string?)null)));
    }

    [Test]
    public async Task A_redirect_uri_unlike_the_consents_is_refused_as_an_invalid_value_of_redirect_uri()
    {
        var (status, body, _) = await SendAsync(
            HttpMethod.Post,
            "/oauth2/token",
            Exchange(await CodeAsync(), redirect: "https://elsewhere.example/cb"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(FirstError(body), Is.EqualTo(("INVALID_REQUEST_ERROR", "INVALID_VALUE", (string?)"redirect_uri")));
    }

    [Test]
    public async Task A_consent_without_redirect_uri_goes_to_the_registered_one_and_the_exchange_need_not_repeat_it()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", Exchange(await CodeAsync(redirect: null), redirect: null));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_code_flow_refresh_token_comes_back_unchanged_and_keeps_working()
    {
        var (_, first, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", Exchange(await CodeAsync()));
        var refresh = first.GetProperty("refresh_token").GetString()!;
        var grant = new Dictionary<string, string>
        {
            ["client_id"] = Square.OAuth.ClientId, ["client_secret"] = Square.OAuth.ClientSecret,
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh,
        };

        var (_, once, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", grant);
        var (status, twice, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", grant);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(new[] { once.GetProperty("refresh_token").GetString(), twice.GetProperty("refresh_token").GetString() }, Is.All.EqualTo(refresh));
        Assert.That(twice.GetProperty("access_token").GetString(), Is.Not.EqualTo(first.GetProperty("access_token").GetString()));
    }

    [Test]
    public async Task A_revoked_refresh_token_is_refused_with_401_UNAUTHORIZED()
    {
        var issued = Square.OAuth.IssueFor(VendorWorld.SquareLondonMerchant, SquareSandbox.PosSyncScopes);
        Square.OAuth.RevokeAll(VendorWorld.SquareLondonMerchant);

        var (status, body, _) = await SendAsync(HttpMethod.Post, "/oauth2/token", new Dictionary<string, string>
        {
            ["client_id"] = Square.OAuth.ClientId, ["client_secret"] = Square.OAuth.ClientSecret,
            ["grant_type"] = "refresh_token", ["refresh_token"] = issued.RefreshToken,
        });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(FirstError(body).Code, Is.EqualTo("UNAUTHORIZED"));
    }

    [TestCase("none", 401, "UNAUTHORIZED", TestName = "A call without a token is refused with 401 UNAUTHORIZED")]
    [TestCase("unknown", 401, "UNAUTHORIZED", TestName = "A token Square never issued is refused with 401 UNAUTHORIZED")]
    [TestCase("expired", 401, "ACCESS_TOKEN_EXPIRED", TestName = "An expired access token is refused with 401 ACCESS_TOKEN_EXPIRED")]
    [TestCase("revoked", 401, "ACCESS_TOKEN_REVOKED", TestName = "A revoked access token is refused with 401 ACCESS_TOKEN_REVOKED")]
    [TestCase(
        "scope",
        403,
        "INSUFFICIENT_SCOPES",
        TestName = "A token without MERCHANT_PROFILE_READ is refused with 403 INSUFFICIENT_SCOPES naming it")]
    public async Task Token_refusals_of_an_API_call(string token, int expectedStatus, string expectedCode)
    {
        var bearer = token switch
        {
            "none" => null,
            "unknown" => "EAAAnot-issued",
            "scope" => Token(SquareSandbox.OrdersRead),
            _ => Token(),
        };
        if (token == "expired") _clock.Now = Now.AddDays(30);
        if (token == "revoked") Square.OAuth.RevokeAll(VendorWorld.SquareLondonMerchant);

        var (status, body, _) = await SendAsync(HttpMethod.Get, "/v2/locations", token: bearer);

        Assert.That((int)status, Is.EqualTo(expectedStatus));
        Assert.That(FirstError(body).Category, Is.EqualTo("AUTHENTICATION_ERROR"));
        Assert.That(FirstError(body).Code, Is.EqualTo(expectedCode));
        if (token == "scope") Assert.That(body.GetProperty("errors")[0].GetProperty("detail").GetString(), Does.Contain("[MERCHANT_PROFILE_READ]"));
    }

    [Test]
    public async Task A_malformed_Square_Version_is_refused_and_the_version_sent_is_recorded()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/v2/locations", token: Token(), version: "2025/08/20");
        var (ok, _, _) = await SendAsync(HttpMethod.Get, "/v2/locations", token: Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(FirstError(body).Code, Is.EqualTo("INVALID_SQUARE_VERSION_FORMAT"));
        Assert.That(ok, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            _sandbox.Journal.All(SquareSandbox.Vendor).Select(r => r.Headers["Square-Version"]),
            Is.EqualTo(new[] { "2025/08/20", "2025-08-20" }));
    }

    [Test]
    public async Task Locations_answer_time_zone_currency_and_country_of_the_tokens_seller_only()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/v2/locations", token: Token());

        var locations = body.GetProperty("locations");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(locations.GetArrayLength(), Is.EqualTo(1));
        Assert.That((locations[0].GetProperty("id").GetString(), locations[0].GetProperty("timezone").GetString(),
            locations[0].GetProperty("currency").GetString(),
            locations[0].GetProperty("country").GetString()), Is.EqualTo((VendorWorld.London, "Europe/London", "GBP", "GB")));
    }

    private static object DayQuery(
        object? sort = null, object? states = null, object? dates = null, object? locations = null, int? limit = null,
        string? cursor = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["location_ids"] = locations ?? new[] { VendorWorld.London },
            ["query"] = new Dictionary<string, object?>
            {
                ["filter"] = new Dictionary<string, object?>
                {
                    ["state_filter"] = new { states = states ?? new[] { "COMPLETED" } },
                    ["date_time_filter"] = dates
                        ?? new { closed_at = new { start_at = "2025-06-01T00:00:00.000Z", end_at = "2025-06-01T23:59:59.999Z" } },
                },
                ["sort"] = sort ?? new { sort_field = "CLOSED_AT", sort_order = "ASC" },
            },
        };
        if (limit is not null) body["limit"] = limit;
        if (cursor is not null) body["cursor"] = cursor;
        return body;
    }

    private static IEnumerable<TestCaseData> OrderSearchRefusals()
    {
        yield return new TestCaseData(DayQuery(sort: new { sort_field = "CREATED_AT" }), "BAD_REQUEST", "query.sort.sort_field")
            .SetName("A closed_at filter sorted on CREATED_AT is refused");
        yield return new TestCaseData(DayQuery(sort: new { }), "MISSING_REQUIRED_PARAMETER", "query.sort.sort_field")
            .SetName("A sort without sort_field is refused");
        yield return new TestCaseData(DayQuery(states: new[] { "OPEN", "COMPLETED" }), "BAD_REQUEST", "query.sort.sort_field")
            .SetName("Sorting OPEN orders on CLOSED_AT is refused");
        yield return new TestCaseData(DayQuery(dates: new
            {
                closed_at = new { start_at = "2025-06-01T00:00:00Z" }, created_at = new { start_at = "2025-06-01T00:00:00Z" },
            }), "CONFLICTING_PARAMETERS", "query.filter.date_time_filter")
            .SetName("Two time ranges at once are refused");
        yield return new TestCaseData(DayQuery(dates: new { closed_at = new { start_at = "2025-06-02T00:00:00Z", end_at = "2025-06-01T00:00:00Z" } }),
            "INVALID_TIME_RANGE", "query.filter.date_time_filter.closed_at").SetName("A time range ending before it starts is refused");
        yield return new TestCaseData(
            DayQuery(locations: Enumerable.Range(0, 11).Select(_ => VendorWorld.London).ToArray()),
            "ARRAY_LENGTH_TOO_LONG",
            "location_ids")
            .SetName("More than 10 locations are refused");
        yield return new TestCaseData(DayQuery(locations: new[] { "LSQOTHER01" }), "INVALID_VALUE", "location_ids")
            .SetName("Another sellers location is refused");
        yield return new TestCaseData(DayQuery(locations: Array.Empty<string>()), "MISSING_REQUIRED_PARAMETER", "location_ids")
            .SetName("A search without locations is refused");
        yield return new TestCaseData(DayQuery(limit: 1001), "VALUE_TOO_HIGH", "limit").SetName("A limit above 1000 is refused");
        yield return new TestCaseData(DayQuery(limit: 0), "VALUE_TOO_LOW", "limit").SetName("A limit below 1 is refused");
        yield return new TestCaseData(DayQuery(states: new[] { "PAID" }), "INVALID_ENUM_VALUE", "query.filter.state_filter.states")
            .SetName("An unknown order state is refused");
        yield return new TestCaseData(
            DayQuery(sort: new { sort_field = "CLOSED_AT", sort_order = "UP" }),
            "INVALID_ENUM_VALUE",
            "query.sort.sort_order")
            .SetName("An unknown sort order is refused");
        yield return new TestCaseData(
            DayQuery(cursor: "not-issued"),
            "INVALID_CURSOR",
            "cursor").SetName("A cursor the sandbox never issued is refused");
    }

    [TestCaseSource(nameof(OrderSearchRefusals))]
    public async Task Order_search_refusals(object query, string code, string field)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/v2/orders/search", query, Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(FirstError(body), Is.EqualTo(("INVALID_REQUEST_ERROR", code, (string?)field)));
    }

    private void AddOrdersClosedAt(params string[] closedAt)
    {
        foreach (var (at, index) in closedAt.Select((a, i) => (a, i)))
            Square.AddOrder(new SquareOrderBuilder($"O-{index}", VendorWorld.SohoPub, DateTimeOffset.Parse(at))
                .Tax("vat", "VAT", "20", additive: false).Item("l1", "Ale", "1", 550, taxes: ["vat"]).Tender($"T-{index}", "CASH", 550));
    }

    [Test]
    public async Task The_closed_at_range_is_inclusive_at_both_ends_and_pages_follow_the_original_query()
    {
        AddOrdersClosedAt("2025-05-31T23:59:59.999Z", "2025-06-01T00:00:00.000Z", "2025-06-01T12:00:00Z",
            "2025-06-01T18:00:00Z", "2025-06-01T23:59:59.999Z",
            "2025-06-02T00:00:00Z");
        Square.OrdersPerPage = 2;
        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, body, _) = await SendAsync(HttpMethod.Post, "/v2/orders/search", DayQuery(cursor: cursor), Token());
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            ids.AddRange(body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            cursor = body.TryGetProperty("cursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        Assert.That(ids, Is.EqualTo(new[] { "O-1", "O-2", "O-3", "O-4" }), "both ends in, sorted by closed_at ascending");
        Assert.That(pages, Is.EqualTo(2));
    }

    [Test]
    public async Task A_cursor_followed_with_another_query_is_refused_as_INVALID_CURSOR()
    {
        AddOrdersClosedAt("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z", "2025-06-01T14:00:00Z");
        Square.OrdersPerPage = 1;
        var (_, first, _) = await SendAsync(HttpMethod.Post, "/v2/orders/search", DayQuery(), Token());

        var (status, body, _) = await SendAsync(
            HttpMethod.Post,
            "/v2/orders/search",
            DayQuery(limit: 10, cursor: first.GetProperty("cursor").GetString()),
            Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(FirstError(body).Code, Is.EqualTo("INVALID_CURSOR"));
    }

    [Test]
    public async Task Over_the_request_budget_Square_answers_429_RATE_LIMITED_without_Retry_After_unless_asked()
    {
        Square.Gate.Budget!.Limit = 1;
        var token = Token();
        await SendAsync(HttpMethod.Get, "/v2/locations", token: token);

        var (status, body, response) = await SendAsync(HttpMethod.Get, "/v2/locations", token: token);
        Square.Refusals.SendsRetryAfter = true;
        var (_, _, withHeader) = await SendAsync(HttpMethod.Get, "/v2/locations", token: token);

        Assert.That(status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(FirstError(body), Is.EqualTo(("RATE_LIMIT_ERROR", "RATE_LIMITED", (string?)null)));
        Assert.That(response.Headers.RetryAfter, Is.Null);
        Assert.That(withHeader.Headers.RetryAfter?.Delta, Is.Not.Null);
    }

    [Test]
    public async Task A_catalog_limit_outside_1_to_1000_is_ignored_not_refused_and_variations_come_only_when_named()
    {
        var catalog = Square.Catalog(VendorWorld.SquareLondonMerchant);
        catalog.AddCategory("cat-food", "Food");
        catalog.AddItem("item-burger", "Burger", ["cat-food"], "cat-food", ("var-burger", "Regular", 1250));

        var (status, topLevel, _) = await SendAsync(HttpMethod.Post, "/v2/catalog/search", new { limit = 5000 }, Token());
        var (_, named, _) = await SendAsync(HttpMethod.Post, "/v2/catalog/search", new { object_types = new[] { "ITEM_VARIATION" } }, Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            topLevel.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("type").GetString()),
            Is.EquivalentTo(new[] { "CATEGORY", "ITEM" }));
        Assert.That(named.GetProperty("objects")[0].GetProperty("item_variation_data").GetProperty("item_id").GetString(), Is.EqualTo("item-burger"));
    }

    [Test]
    public async Task A_deleted_item_shows_only_when_deleted_objects_are_asked_for()
    {
        var catalog = Square.Catalog(VendorWorld.SquareLondonMerchant);
        catalog.AddItem("item-old", "Old special", [], null, ("var-old", "Regular", 900));
        catalog.Delete("item-old");

        var (_, live, _) = await SendAsync(HttpMethod.Post, "/v2/catalog/search", new { object_types = new[] { "ITEM" } }, Token());
        var (_, all, _) = await SendAsync(
            HttpMethod.Post,
            "/v2/catalog/search",
            new { object_types = new[] { "ITEM" }, include_deleted_objects = true },
            Token());

        Assert.That(live.GetProperty("objects").GetArrayLength(), Is.Zero);
        Assert.That(all.GetProperty("objects")[0].GetProperty("is_deleted").GetBoolean(), Is.True);
    }

    [Test]
    public void An_additive_two_tax_line_is_computed_the_way_Square_computes_it()
    {
        var order = new SquareOrderBuilder("O-1", VendorWorld.BrooklynDeli, Now)
            .Tax("state", "NY State", "4", additive: true).Tax("city", "NYC", "4.875", additive: true)
            .Item("l1", "Bagel", "2", 1000, taxes: ["state", "city"]).Tender("T-1", "CARD", 2178, tip: 300).Build();

        var line = order["line_items"]![0]!;
        Assert.That(line["total_money"]!["amount"]!.GetValue<long>(), Is.EqualTo(2178), "2000 + 80 + 98 (97.5 rounded half away from zero)");
        Assert.That(
            line["applied_taxes"]!.AsArray().Select(t => t!["applied_money"]!["amount"]!.GetValue<long>()),
            Is.EqualTo(new long[] { 80, 98 }));
        Assert.That(order["tenders"]![0]!["amount_money"]!["amount"]!.GetValue<long>(), Is.EqualTo(2478), "a tender's amount includes its tip");
        Assert.That(order["total_tip_money"]!["amount"]!.GetValue<long>(), Is.EqualTo(300));
    }

    [Test]
    public async Task Batch_retrieve_answers_the_sellers_orders_it_knows_and_leaves_out_the_others()
    {
        AddOrdersClosedAt("2025-06-01T12:00:00Z");

        var (status, body, _) = await SendAsync(
            HttpMethod.Post,
            "/v2/orders/batch-retrieve",
            new { order_ids = new[] { "O-0", "O-unknown" } },
            Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()), Is.EqualTo(new[] { "O-0" }));
    }

    [Test]
    public async Task A_scripted_fault_answers_in_Squares_envelope()
    {
        Square.Faults.Next("orders-search", new Fault(FaultKind.Status, 503));

        var (status, body, _) = await SendAsync(HttpMethod.Post, "/v2/orders/search", DayQuery(), Token());

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(FirstError(body), Is.EqualTo(("API_ERROR", "SERVICE_UNAVAILABLE", (string?)null)));
    }
}
