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

    public async Task<ConnectorResult<PosDay>> FetchDayAsync(ConnectorContext context, Location location, DateOnly businessDate, CancellationToken cancellationToken)
    {
        var date = businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var result = await http.SendAsync(Connection(context), new VendorRequest("sales-daily", HttpMethod.Get,
            $"/f/v2/business-location/{Uri.EscapeDataString(location.Id)}/sales-daily?date={date}&include=payments"), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<PosDay>.Fail(failure);

        var (day, problem) = LightspeedSales.Map(result.Body!, location.Id, businessDate);
        return day is null
            ? ConnectorResult<PosDay>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"Lightspeed answered sales-daily for {date} with data that is not usable: {problem}"))
            : ConnectorResult<PosDay>.Ok(new PosDay(day));
    }

    /// <summary>Every business location the token's user can see, across the pages of businesses.</summary>
    public async Task<ConnectorResult<IReadOnlyList<PosLocation>>> LocationsAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var locations = new List<PosLocation>();
        for (var page = 0; ; page++)
        {
            var result = await http.SendAsync(Connection(context), new VendorRequest("businesses", HttpMethod.Get, $"/f/data/businesses?page={page}&size=100"), cancellationToken);
            if (result.Failure is { } failure) return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(failure);
            using var document = VendorJson.Parse(result.Body, out var problem);
            var json = new VendorJson();
            if (document is null || json.Object(document.RootElement, "_embedded", "response") is not { } embedded)
                return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"Lightspeed's businesses are not readable: {problem ?? json.Describe()}"));
            foreach (var (business, path) in json.Array(embedded, "businessList", "response._embedded"))
                foreach (var (location, locationPath) in json.Array(business, "businessLocations", path))
                    locations.Add(new PosLocation(json.Text(location, "blID", locationPath) ?? "", json.Text(location, "blName", locationPath) ?? "",
                        json.Text(location, "timezone", locationPath, required: false)));
            if (json.HasProblems) return ConnectorResult<IReadOnlyList<PosLocation>>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"Lightspeed's businesses are not readable: {json.Describe()}"));
            var pages = json.Object(document.RootElement, "page", "response", required: false) is { } p && p.TryGetProperty("totalPages", out var total) && total.TryGetInt32(out var n) ? n : 1;
            if (page + 1 >= pages) return ConnectorResult<IReadOnlyList<PosLocation>>.Ok(locations);
        }
    }

    /// <summary>Every tax rate, payment method and accounting group the consumer's locations use.</summary>
    public async Task<ConnectorResult<PosCatalog>> CatalogAsync(ConnectorContext context, IReadOnlyList<Location> locations, CancellationToken cancellationToken)
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
            ConnectorResult<PosCatalog>.Fail(ConnectorFailure.Pos(FailureKind.InvalidData, $"Lightspeed answered {operation} with data that is not usable: {problem}"));
    }
}
