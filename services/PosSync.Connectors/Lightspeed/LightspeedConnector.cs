using System.Globalization;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Lightspeed;

/// <summary>
/// Lightspeed Restaurant K-Series through its Financial API: the business-day sales endpoint
/// (<c>dataComplete=false</c> means the day is still open) and, for enablement, the tax rates,
/// payment methods and accounting groups of every location. A consumer's location ids are
/// Lightspeed business-location ids (blID). OAuth2, scope financial-api.
/// </summary>
public sealed class LightspeedConnector(VendorHttp http, VendorOptions options) : IPosConnector
{
    public const string ConnectorName = "lightspeed";

    public string Name => ConnectorName;

    private VendorConnection Connection(ConnectorContext context) => new(context, ConnectorName, ConnectionStore.Pos, options.Lightspeed);

    public async Task<ConnectorResult<PosDay>> FetchDayAsync(ConnectorContext context, Location location, DateOnly businessDate,
        CancellationToken cancellationToken)
    {
        var date = businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var api = options.Lightspeed.FinancialApi;
        var id = Uri.EscapeDataString(location.Id);
        // V1 dates a back-office correction (a cancellation, a payment method changed) on the sale's own
        // business day, so a re-import of that day sees it; V2 puts it on the day it was made.
        var (operation, path) = api == LightspeedFinancialApi.V1
            ? ("daily-financials", $"/f/finance/{id}/dailyFinancials?date={date}&include=payments")
            : ("sales-daily", $"/f/v2/business-location/{id}/sales-daily?date={date}&include=payments");
        var result = await http.SendAsync(Connection(context), new VendorRequest(operation, HttpMethod.Get, path), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<PosDay>.Fail(failure);

        var (day, problem, tooLarge) = LightspeedSales.Read(result.Body!, location.Id, businessDate, api);
        if (tooLarge is not null) return ConnectorResult<PosDay>.Fail(ConnectorFailure.DayTooLarge(tooLarge));
        return day is null
            ? ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                $"Lightspeed answered {operation} for {date} with data that is not usable: {problem}"))
            : ConnectorResult<PosDay>.Ok(new PosDay(day));
    }

    /// <summary>The documented default page size of the businesses list.</summary>
    private const int BusinessesPageSize = 1000;

    /// <summary>
    /// Every business location the token's user can see. The businesses list pages by page and size
    /// and documents no totals, no next link and no maximum size, so pages are read until one is
    /// empty (a server that caps the size loses nothing), and a page that repeats the one before ends it.
    /// </summary>
    public async Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var locations = new List<PosLocation>();
        string? previousFirst = null;
        for (var page = 0; ; page++)
        {
            var result = await http.SendAsync(Connection(context), new VendorRequest("businesses", HttpMethod.Get,
                $"/f/data/businesses?page={page}&size={BusinessesPageSize}"), cancellationToken);
            if (result.Failure is { } failure) return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(failure);
            using var document = VendorJson.Parse(result.Body, out var problem);
            if (document is null)
                return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                    $"Lightspeed's businesses are not readable: {problem}"));
            var json = new VendorJson();
            // A page past the last one may come without _embedded at all.
            var businesses = json.Object(document.RootElement, "_embedded", "response", required: false) is { } embedded
                ? json.Array(embedded, "businessList", "response._embedded", required: false).ToList()
                : [];
            var first = businesses.Count == 0 ? null : businesses[0].Item.GetRawText();
            if (businesses.Count == 0 || first == previousFirst) return ConnectorResult<IReadOnlyList<PosLocation>>.Ok(locations);
            previousFirst = first;
            foreach (var (business, path) in businesses)
                foreach (var (location, locationPath) in json.Array(business, "businessLocations", path))
                    locations.Add(new PosLocation(json.Text(location, "blID", locationPath) ?? "", json.Text(location, "blName", locationPath) ?? "",
                        json.Text(location, "timezone", locationPath, required: false)));
            if (json.HasProblems) return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                $"Lightspeed's businesses are not readable: {json.Describe()}"));

        }
    }

    /// <summary>Every tax rate, payment method and accounting group the consumer's locations use.</summary>
    public async Task<ConnectorResult<PosCatalog>> CatalogAsync(ConnectorContext context, IReadOnlyList<Location> locations,
        CancellationToken cancellationToken)
    {
        var methods = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var groups = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var rates = new HashSet<decimal>();
        foreach (var location in locations)
        {
            var id = Uri.EscapeDataString(location.Id);
            var lists = new[]
            {
                ("tax-rates", $"/f/finance/{id}/tax-rates", "taxRateList"),
                ("payment-methods", $"/f/finance/{id}/paymentMethods", "paymentMethodList"),
                ("accounting-groups", $"/f/finance/{id}/accountingGroups", "accountingGroupList"),
            };
            foreach (var (operation, path, list) in lists)
            {
                var result = await http.SendAsync(Connection(context), new VendorRequest(operation, HttpMethod.Get, path), cancellationToken);
                if (result.Failure is { } failure) return ConnectorResult<PosCatalog>.Fail(failure);
                using var document = VendorJson.Parse(result.Body, out var parseProblem);
                if (document is null) return Invalid(operation, parseProblem);
                var json = new VendorJson();
                var embedded = json.Object(document.RootElement, "_embedded", "response");
                var items = embedded is { } e ? json.Array(e, list, "response._embedded") : [];
                foreach (var (item, itemPath) in items)
                {
                    switch (operation)
                    {
                        case "tax-rates":
                            // Lightspeed writes rates as multipliers: 1.2 is 20 %.
                            var multiplier = json.Decimal(item, "rate", itemPath);
                            rates.Add(decimal.Round((multiplier - 1) * 100, 3));
                            break;
                        case "payment-methods":
                            var pmId = json.Text(item, "pmId", itemPath) ?? "";
                            methods[pmId] = new CatalogEntry(pmId, json.Text(item, "name", itemPath) ?? pmId);
                            break;
                        default:
                            var groupId = json.Text(item, "accountingGroupId", itemPath) ?? "";
                            groups[groupId] = new CatalogEntry(groupId, json.Text(item, "name", itemPath) ?? groupId);
                            break;
                    }
                }
                if (json.HasProblems) return Invalid(operation, json.Describe());
            }
        }
        return ConnectorResult<PosCatalog>.Ok(new PosCatalog(methods.Values.ToList(), groups.Values.ToList(), rates.ToList()));

        static ConnectorResult<PosCatalog> Invalid(string operation, string? problem) =>
            ConnectorResult<PosCatalog>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData,
                $"Lightspeed answered {operation} with data that is not usable: {problem}"));
    }
}
