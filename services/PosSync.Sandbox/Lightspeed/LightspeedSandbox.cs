using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PosSync.Contracts;

namespace PosSync.Sandbox.Lightspeed;

/// <summary>
/// Lightspeed Restaurant K-Series Financial API on loopback, faithful to its documented contract:
/// OAuth2 with 60-minute access tokens and single-use refresh tokens (scope financial-api), the
/// businesses list (HAL, paged), per-location tax rates (as multipliers), payment methods and
/// accounting groups, and the business-day sales endpoint whose <c>dataComplete</c> stays false
/// while a day is open. Money is sent as decimal strings. Days are seeded in the canonical model
/// and rendered the way Lightspeed shapes them.
/// </summary>
public sealed class LightspeedSandbox(TimeProvider clock, RequestJournal journal)
{
    public const string Vendor = "lightspeed";
    public const string Scope = "financial-api";

    private sealed record BusinessLocation(string BlId, string Name, string Country, string TimeZone);
    private sealed record Business(long Id, string Name, string Account, string Currency, List<BusinessLocation> Locations, bool TaxInclusive);
    private sealed class DayData
    {
        public ServiceDay Day = null!;
        public bool Complete = true;
        public string? RawBody;
    }

    private readonly ConcurrentDictionary<string, Business> _businesses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string BlId, DateOnly Date), DayData> _days = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _paymentMethods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<decimal, byte>> _rates = new(StringComparer.Ordinal);
    private long _nextBusinessId = 1000;

    /// <summary>
    /// Lightspeed's V1 authorisation server (docs/vendors/lightspeed.md): HTTP Basic client
    /// authentication only, 60-minute access tokens, single-use refresh tokens that die after 14 days unused.
    /// </summary>
    public OAuthServer OAuth { get; } = new(clock, TimeSpan.FromMinutes(60))
    {
        ClientAuthentication = ClientAuthenticationRule.BasicOnly,
        RefreshLifetime = TimeSpan.FromDays(14),
        SendsRefreshExpiresIn = false,
        KnownScopes = { Scope, "orders-api", "items", "propertymanagement", "staff-api", "reservations-api" },
    };
    public FaultPlan Faults { get; } = new();

    private static readonly LightspeedRefusals Refusals = new();

    /// <summary>The sandboxes' shared request pipeline: faults, the OAuth token and scope, the journal.</summary>
    private SandboxGate Gate => _gate ??= new SandboxGate(Vendor, OAuth, Faults, journal, clock, Refusals);
    private SandboxGate? _gate;

    /// <summary>A restaurant business under a login ("account"), with its locations (blID, name, IANA time zone).</summary>
    public void AddBusiness(string account, string name, params (string BlId, string Name, string TimeZone)[] locations) =>
        AddBusiness(account, name, taxInclusive: true, locations);

    /// <summary>A business whose prices include tax (Europe) or not (North America: taxes added at the till).</summary>
    public void AddBusiness(string account, string name, bool taxInclusive, params (string BlId, string Name, string TimeZone)[] locations)
    {
        var business = new Business(Interlocked.Increment(ref _nextBusinessId), name, account, "EUR",
            locations.Select(l => new BusinessLocation(l.BlId, l.Name, "FR", l.TimeZone)).ToList(), taxInclusive);
        // A login may hold several businesses.
        _businesses[_businesses.ContainsKey(account) ? $"{account}#{business.Id}" : account] = business;
    }

    /// <summary>Seeds a business day; <paramref name="complete"/> false keeps it open (dataComplete=false).</summary>
    public void AddDay(ServiceDay day, bool complete = true)
    {
        _days[(day.LocationId, day.BusinessDate)] = new DayData { Day = day, Complete = complete };
        foreach (var order in day.Orders)
        {
            foreach (var item in order.Items)
            {
                _groups.GetOrAdd(day.LocationId, _ => new())[item.CategoryId] = item.CategoryName ?? item.CategoryId;
                foreach (var rate in item.Taxes.Count > 0 ? item.Taxes.Select(t => t.Rate) : [item.TaxRate])
                    _rates.GetOrAdd(day.LocationId, _ => new())[rate] = 0;
            }
            foreach (var payment in order.Payments)
                _paymentMethods.GetOrAdd(day.LocationId, _ => new())[payment.PaymentMethodId] = payment.PaymentMethodName ?? payment.PaymentMethodId;
        }
    }

    private sealed record BackOfficeCancellation(string BlId, DateOnly Date, string OrderId, DateOnly PerformedOn);
    private readonly ConcurrentQueue<BackOfficeCancellation> _corrections = new();

    /// <summary>The manager cancels a sale of <paramref name="date"/> in the back office on <paramref name="performedOn"/>.</summary>
    public void CancelInBackOffice(string blId, DateOnly date, string orderId, DateOnly performedOn)
    {
        if (!_days.TryGetValue((blId, date), out var day) || day.Day.Orders.All(o => o.Id != orderId))
            throw new ArgumentException($"no sale {orderId} on {date} at {blId}", nameof(orderId));
        _corrections.Enqueue(new BackOfficeCancellation(blId, date, orderId, performedOn));
    }

    /// <summary>The devices finished syncing: the day's data is complete.</summary>
    public void Complete(string blId, DateOnly date) => _days[(blId, date)].Complete = true;

    /// <summary>What the business-day endpoints answer for a day, verbatim, whatever it is (a vendor returning garbage).</summary>
    public void SetRawBusinessDay(string blId, DateOnly date, string body) =>
        _days.AddOrUpdate((blId, date), _ => new DayData { Day = new ServiceDay { LocationId = blId, BusinessDate = date,
            Closure = new Closure(ClosureStatus.Closed) }, RawBody = body },
            (_, data) => { data.RawBody = body; return data; });

    public void AddPaymentMethod(string blId, string id, string name) => _paymentMethods.GetOrAdd(blId, _ => new())[id] = name;
    public void AddTaxRate(string blId, decimal percent) => _rates.GetOrAdd(blId, _ => new())[percent] = 0;
    public void AddAccountingGroup(string blId, string id, string name) => _groups.GetOrAdd(blId, _ => new())[id] = name;

    public void Map(IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix);
        group.MapGet("/oauth/authorize", Consent);
        group.MapPost("/oauth/token", Token);
        group.MapGet("/f/data/businesses", Businesses);
        group.MapGet("/f/finance/{blId}/tax-rates", (HttpContext http, string blId) => Catalog(http, blId, "tax-rates", "taxRateList",
            () => _rates.GetValueOrDefault(blId)?.Keys.Order().Select(r => (JsonNode)new JsonObject
            {
                ["code"] = $"VAT{r.ToString("0.###", CultureInfo.InvariantCulture)}",
                ["description"] = $"TVA {r.ToString("0.###", CultureInfo.InvariantCulture)}%",
                ["rate"] = 1 + r / 100,
                ["taxIncluded"] = _businesses.Values.FirstOrDefault(b => b.Locations.Any(l => l.BlId == blId))?.TaxInclusive ?? true,
                ["accountingReference"] = "",
            })));
        group.MapGet("/f/finance/{blId}/paymentMethods", (HttpContext http, string blId) => Catalog(http, blId, "payment-methods",
            "paymentMethodList",
            () => _paymentMethods.GetValueOrDefault(blId)?.OrderBy(p => p.Key).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Value, ["code"] = p.Key.ToUpperInvariant(), ["accountingReference"] = "", ["pmId"] = LightspeedIds.Number(p.Key),
            })));
        group.MapGet("/f/finance/{blId}/accountingGroups", (HttpContext http, string blId) => Catalog(http, blId, "accounting-groups",
            "accountingGroupList",
            () => _groups.GetValueOrDefault(blId)?.OrderBy(g => g.Key).Select(g => (JsonNode)new JsonObject
            {
                ["accountingGroupId"] = LightspeedIds.Number(g.Key), ["name"] = g.Value, ["statisticGroup"] = g.Value, ["code"] = g.Key,
            })));
        group.MapGet("/f/finance/{blId}/dailyFinancials", (HttpContext http, string blId) => BusinessDay(http, blId, FinancialApi.V1));
        group.MapGet("/f/v2/business-location/{blId}/sales-daily", (HttpContext http, string blId) => BusinessDay(http, blId, FinancialApi.V2));
    }

    private async Task Token(HttpContext http) => await Answer(http, "oauth-token", null, await OAuth.TokenEndpointAsync(http.Request));

    private async Task Consent(HttpContext http) => await Answer(http, "oauth-authorize", null, OAuth.ConsentEndpoint(http.Request));

    /// <summary>
    /// The businesses list as documented: page (default 0) and size (default 1000), HAL with
    /// _embedded.businessList and only a self link, no totals; ids are numbers.
    /// </summary>
    private async Task Businesses(HttpContext http)
    {
        if (await AuthenticateAsync(http, "businesses") is not { } token) return;
        var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 0;
        var size = int.TryParse(http.Request.Query["size"], out var s) ? s : 1000;
        if (page < 0 || size < 1)
        {
            await Answer(http, "businesses", token, Error(400, "page must be 0 or more and size 1 or more"));
            return;
        }
        var mine = _businesses.Values.Where(b => b.Account == token.Account).OrderBy(b => b.Id).Skip(page * size).Take(size).ToList();
        var body = new JsonObject
        {
            ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = $"{http.Request.Path}{http.Request.QueryString}" } },
        };
        if (mine.Count > 0)
        {
            body["_embedded"] = new JsonObject
            {
                ["businessList"] = new JsonArray(mine.Select(b => (JsonNode)new JsonObject
                {
                    ["businessName"] = b.Name,
                    ["businessId"] = b.Id,
                    ["currencyCode"] = b.Currency,
                    ["businessLocations"] = new JsonArray(b.Locations.Take(MaxLocationsPerBusiness).Select(l => (JsonNode)new JsonObject
                    {
                        ["blName"] = l.Name, ["blID"] = LightspeedIds.Number(l.BlId), ["country"] = l.Country, ["timezone"] = l.TimeZone,
                    }).ToArray()),
                }).ToArray()),
            };
        }
        await Answer(http, "businesses", token, Results.Text(body.ToJsonString(), "application/json"));
    }

    /// <summary>"The maximum number of business locations per business returned is 500."</summary>
    private const int MaxLocationsPerBusiness = 500;

    private async Task Catalog(HttpContext http, string blId, string route, string list, Func<IEnumerable<JsonNode>?> items)
    {
        if (await AuthenticateAsync(http, route) is not { } token) return;
        if (!await OwnsAsync(http, route, token, blId)) return;
        var body = new JsonObject { ["_embedded"] = new JsonObject { [list] = new JsonArray((items() ?? []).ToArray()) } };
        await Answer(http, route, token, Results.Text(body.ToJsonString(), "application/json"));
    }

    private enum FinancialApi { V1, V2 }

    /// <summary>
    /// One business day, by V1 dailyFinancials or V2 sales-daily. The two differ where the docs say
    /// they do: their time fields, V1's HAL envelope, and where a back-office correction shows (V1:
    /// on the sale's own day, the sale cancelled; V2: a CANCEL transaction on the day it was made).
    /// </summary>
    private async Task BusinessDay(HttpContext http, string blId, FinancialApi api)
    {
        var route = api == FinancialApi.V1 ? "daily-financials" : "sales-daily";
        // A fault scripted for one location and day ("daily-financials:1002:2025-03-11") wins over one for any day.
        if (await AuthenticateAsync(http, route, $"{route}:{blId}:{http.Request.Query["date"]}") is not { } token) return;
        if (!await OwnsAsync(http, route, token, blId)) return;
        var date = default(DateOnly);
        var dateText = http.Request.Query["date"].ToString();
        if (dateText.Length > 0 && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            await Answer(http, route, token, Results.Json(new { error = $"Invalid date format: {dateText}" }, statusCode: 400));
            return;
        }
        // V2 requires the date; V1 answers the current business day without one.
        if (dateText.Length == 0)
        {
            if (api == FinancialApi.V2)
            {
                await Answer(http, route, token, Results.Json(new { error = "date is required" }, statusCode: 400));
                return;
            }
            date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        if (_days.TryGetValue((blId, date), out var data) && data.RawBody is { } raw)
        {
            await Answer(http, route, token, Results.Text(raw, "application/json"));
            return;
        }
        var business = _businesses.Values.First(b => b.Locations.Any(l => l.BlId == blId));
        var location = business.Locations.First(l => l.BlId == blId);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(location.TimeZone);
        var nextStart = new DateTimeOffset(date.AddDays(1).ToDateTime(new TimeOnly(5, 0)),
            zone.GetUtcOffset(date.AddDays(1).ToDateTime(new TimeOnly(5, 0))));
        var corrections = _corrections.Where(c => c.BlId == blId).ToList();
        var sales = new List<JsonNode>();
        foreach (var order in data?.Day.Orders ?? [])
        {
            var cancelledLater = api == FinancialApi.V1 && corrections.Any(c => c.Date == date && c.OrderId == order.Id);
            sales.Add(Sale(order, date, zone, api, cancelledLater, business.TaxInclusive));
        }
        if (api == FinancialApi.V2)
        {
            foreach (var correction in corrections.Where(c => c.PerformedOn == date))
            {
                var original = _days[(blId, correction.Date)].Day.Orders.First(o => o.Id == correction.OrderId);
                sales.Add(Cancellation(original, date, zone, business.TaxInclusive));
            }
        }
        var body = new JsonObject();
        if (api == FinancialApi.V1)
        {
            body["businessName"] = business.Name;
            body["businessLocationId"] = LightspeedIds.Number(blId);
        }
        body["sales"] = new JsonArray(sales.ToArray());
        body["nextStartOfDayAsIso8601"] = nextStart.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        // No sales seeded for a past day means a quiet, closed day; an open one is seeded with complete=false.
        body["dataComplete"] = data?.Complete ?? true;
        if (api == FinancialApi.V1)
            body["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = $"{http.Request.Path}{http.Request.QueryString}" } };
        await Answer(http, route, token, Results.Text(body.ToJsonString(), "application/json"));
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static JsonObject Sale(Order order, DateOnly date, TimeZoneInfo zone, FinancialApi api, bool cancelledLater, bool taxInclusive)
    {
        var type = order.Status != OrderStatus.Completed ? "VOID" : order.Total < 0 ? "REFUND" : "SALE";
        var closed = order.ClosingDate ?? new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 0)),
            zone.GetUtcOffset(date.ToDateTime(new TimeOnly(20, 0))));
        var opened = order.CreationDate ?? closed.AddMinutes(-45);
        var sale = new JsonObject
        {
            ["accountReference"] = order.Id,
            ["accountFiscId"] = order.Id,
            ["receiptId"] = order.OrderNumber ?? order.Id,
            ["source"] = new JsonObject { ["initialAccountId"] = type == "REFUND" ? "original" : null, ["previousAccountId"] = null },
            ["type"] = type,
            ["cancelled"] = order.Status == OrderStatus.Cancelled || cancelledLater,
            [api == FinancialApi.V1 ? "timeofOpening" : "timeOfOpening"] = Time(opened),
            [api == FinancialApi.V1 ? "timeofCloseAndPaid" : "timeClosed"] = Time(closed),
            ["tableNumber"] = 1,
            ["nbCovers"] = 2,
            ["salesLines"] = new JsonArray(order.Items.Select(i => (JsonNode)Line(i, closed, api, 1, taxInclusive)).ToArray()),
            // Lightspeed only returns closed transactions: what did not go through is not there.
            ["payments"] = Payments(order, 1),
        };
        return sale;
    }

    /// <summary>V2's trace of a back-office cancellation: a CANCEL transaction on the day it was made, mirroring the sale.</summary>
    private static JsonObject Cancellation(Order original, DateOnly performedOn, TimeZoneInfo zone, bool taxInclusive)
    {
        var at = new DateTimeOffset(performedOn.ToDateTime(new TimeOnly(10, 0)), zone.GetUtcOffset(performedOn.ToDateTime(new TimeOnly(10, 0))));
        return new JsonObject
        {
            ["accountReference"] = original.Id + "-C",
            ["accountFiscId"] = original.Id + "-C",
            ["receiptId"] = (original.OrderNumber ?? original.Id) + "-C",
            ["source"] = new JsonObject { ["initialAccountId"] = original.Id, ["previousAccountId"] = original.Id },
            ["type"] = "CANCEL",
            ["cancelled"] = false,
            ["timeOfOpening"] = Time(at),
            ["timeClosed"] = Time(at),
            ["salesLines"] = new JsonArray(original.Items.Select(i => (JsonNode)Line(i, at, FinancialApi.V2, -1, taxInclusive)).ToArray()),
            ["payments"] = Payments(original, -1),
        };
    }

    /// <summary>
    /// A sales line. Its taxes are taxLines (rate as a multiplier, taxIncluded for tax-inclusive
    /// businesses). totalNetAmountWithTax is documented for tax-inclusive businesses only: for a
    /// tax-exclusive one the sandbox leaves the pre-tax amount there, so reading it as the line's
    /// total books wrong, as it would against Lightspeed.
    /// </summary>
    private static JsonObject Line(OrderItem i, DateTimeOffset soldAt, FinancialApi api, int sign, bool taxInclusive)
    {
        var taxes = i.Taxes.Count > 0 ? i.Taxes : [new ItemTax(i.TaxRate, i.TaxAmount)];
        var withoutTax = i.Total - i.TaxAmount;
        return new JsonObject
        {
            ["id"] = i.Id,
            ["parentLineId"] = null,
            ["sku"] = i.CategoryId,
            ["name"] = i.Description ?? i.Id,
            ["quantity"] = (sign * i.Quantity).ToString("0.000", CultureInfo.InvariantCulture),
            ["menuListPrice"] = Money(i.Quantity == 0 ? 0 : i.Total / i.Quantity),
            ["totalNetAmountWithTax"] = Money(sign * (taxInclusive ? i.Total : withoutTax)),
            ["totalNetAmountWithoutTax"] = Money(sign * withoutTax),
            ["taxCode"] = $"VAT{i.TaxRate.ToString("0.###", CultureInfo.InvariantCulture)}",
            ["taxAmount"] = Money(sign * i.TaxAmount),
            ["taxRatePercentage"] = Money(i.TaxRate),
            ["taxLines"] = new JsonArray(taxes.Select(t => (JsonNode)new JsonObject
            {
                ["taxId"] = LightspeedIds.Text($"tax-{t.Rate.ToString(CultureInfo.InvariantCulture)}"),
                ["taxCode"] = $"VAT{t.Rate.ToString("0.###", CultureInfo.InvariantCulture)}",
                ["taxRate"] = (1 + t.Rate / 100).ToString(CultureInfo.InvariantCulture),
                ["taxAmount"] = Money(sign * t.Amount),
                ["taxIncluded"] = taxInclusive,
            }).ToArray()),
            ["discountAmount"] = Money(sign * i.Discounts.Sum(d => d.Total)),
            ["discountType"] = i.Discounts.Count == 0 ? null : i.Discounts[0].Type switch
            {
                DiscountType.Offered => "OFFERED",
                DiscountType.Loss => "LOSS",
                _ => null,
            },
            ["discountName"] = i.Discounts.Count == 0 ? null : i.Discounts[0].Name,
            ["serviceCharge"] = "0.00",
            ["serviceChargeType"] = "NO_SERVICE_CHARGE",
            ["accountingGroup"] = new JsonObject { ["accountingGroupId"] = LightspeedIds.Number(i.CategoryId),
                ["name"] = i.CategoryName ?? i.CategoryId },
            [api == FinancialApi.V1 ? "timeofSale" : "timeOfSale"] = Time(soldAt),
            ["currency"] = "EUR",
        };
    }

    /// <summary>The order's completed payments; its cash rounding (paid minus payable) rides on the first.</summary>
    private static JsonArray Payments(Order order, int sign) => new(order.Payments.Where(p => p.Status == PaymentStatus.Completed)
        .Select((p, index) => (JsonNode)new JsonObject
        {
            ["code"] = p.PaymentMethodId.ToUpperInvariant(),
            ["description"] = p.PaymentMethodName ?? p.PaymentMethodId,
            ["paymentMethodId"] = LightspeedIds.Number(p.PaymentMethodId),
            ["netAmountWithTax"] = Money(sign * p.Total),
            ["tip"] = Money(sign * p.Tip),
            ["surcharge"] = "0.00",
            ["roundingAmount"] = Money(index == 0 ? sign * order.Rounding : 0),
            ["currency"] = "EUR",
            ["type"] = "NORMAL",
            ["uuid"] = p.Id,
        }).ToArray());

    /// <summary>Decimal strings as Lightspeed writes them, at least 2 decimals, more when the value has them.</summary>
    private static string Money(decimal amount) => (amount + 0.00m).ToString(CultureInfo.InvariantCulture);

    private Task<IssuedToken?> AuthenticateAsync(HttpContext http, string route, string? specificRoute = null) =>
        Gate.AdmitAsync(http, route, Scope, specificRoute);

    private async Task<bool> OwnsAsync(HttpContext http, string route, IssuedToken token, string blId)
    {
        var business = _businesses.Values.FirstOrDefault(b => b.Locations.Any(l => l.BlId == blId));
        if (business is null)
        {
            await Answer(http, route, token, Error(404, $"Business location {blId} not found"));
            return false;
        }
        if (business.Account != token.Account)
        {
            await Answer(http, route, token, Error(403, $"The user has no access to business location {blId}"));
            return false;
        }
        return true;
    }

    private Task Answer(HttpContext http, string route, IssuedToken? token, IResult result) => Gate.AnswerAsync(http, token, result);

    private static IResult Error(int status, string message) => Refusals.Error(status, message);
}
