using System.Collections.Concurrent;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Xero;

/// <summary>
/// What PosSync knows of each consumer's Xero organisation: the tenant (GET /connections) and its chart
/// (GET /Accounts, /TaxRates and, when the consumer tracks locations, /TrackingCategories), read once per
/// ten minutes, by one caller at a time per consumer, so that days exported together cost one reading.
/// A day refused because of the chart <see cref="Forget"/>s it: once the client has fixed the organisation,
/// the next try reads it again instead of the refusal coming back from the cache.
/// </summary>
public sealed class XeroDirectory(VendorHttp http, VendorOptions options, TimeProvider clock)
{
    public const string Api = "/api.xro/2.0";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, XeroOrganisationChart Organisation)> _read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reading = new(StringComparer.Ordinal);

    /// <param name="wanted">accounting.options.tenant: the organisation's id or name, or null for the only one.</param>
    /// <param name="tracking">Whether the consumer tracks locations: the tracking categories are read too.</param>
    public async Task<ConnectorResult<XeroOrganisationChart>> ReadAsync(
        ConnectorContext context,
        string? wanted,
        bool tracking,
        CancellationToken cancellationToken)
    {
        var key = Key(context, wanted, tracking);
        if (Fresh(key) is { } known) return ConnectorResult<XeroOrganisationChart>.Ok(known);
        var reading = _reading.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(key) is { } readMeanwhile) return ConnectorResult<XeroOrganisationChart>.Ok(readMeanwhile);
            var read = await ReadFromXeroAsync(context, wanted, tracking, cancellationToken);
            if (read.Value is { } organisation) _read[key] = (clock.GetUtcNow(), organisation);
            return read;
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>Drops what was read of the consumer's organisation: the next day reads it from Xero again.</summary>
    public void Forget(ConnectorContext context, string? wanted, bool tracking) => _read.TryRemove(Key(context, wanted, tracking), out _);

    public VendorConnection Connection(ConnectorContext context, string? tenant) =>
        new(context, XeroTarget.ConnectorName, ConnectionStore.Accounting, options.Xero,
            tenant is null ? null : new Dictionary<string, string> { ["xero-tenant-id"] = tenant });

    private static string Key(ConnectorContext context, string? wanted, bool tracking) => $"{context.ConsumerId}/{wanted}/{tracking}";

    private XeroOrganisationChart? Fresh(string key) =>
        _read.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < Lifetime ? cached.Organisation : null;

    private async Task<ConnectorResult<XeroOrganisationChart>> ReadFromXeroAsync(
        ConnectorContext context,
        string? wanted,
        bool tracking,
        CancellationToken cancellationToken)
    {
        var tenant = await TenantAsync(context, wanted, cancellationToken);
        if (tenant.Failure is { } noTenant) return ConnectorResult<XeroOrganisationChart>.Fail(noTenant);
        var connection = Connection(context, tenant.Value);
        var accounts = await ListAsync(connection, "get-accounts", "Accounts", "", (json, item, path) =>
            new XeroChartAccount(json.Text(item, "Code", path, required: false) ?? "",
                json.Text(item, "Type", path) ?? "", json.Text(item, "Class", path, required: false) ?? "",
                json.Text(item, "SystemAccount", path, required: false) ?? "", json.Text(item, "Status", path) ?? ""), cancellationToken);
        if (accounts.Failure is { } accountsFailure) return ConnectorResult<XeroOrganisationChart>.Fail(accountsFailure);
        var rates = await ListAsync(connection, "get-tax-rates", "TaxRates", "", (json, item, path) =>
            new XeroChartTaxRate(json.Text(item, "TaxType", path) ?? "", json.Decimal(item, "EffectiveRate", path), Flag(item, "CanApplyToRevenue"),
                json.Text(item, "Status", path) ?? "", AppliesTo(item)), cancellationToken);
        if (rates.Failure is { } ratesFailure) return ConnectorResult<XeroOrganisationChart>.Fail(ratesFailure);
        List<XeroChartTrackingCategory>? categories = null;
        if (tracking)
        {
            // Archived ones too, so that a refusal says "archived" rather than "unknown" (SPEC: includeArchived).
            var read = await ListAsync(connection, "get-tracking-categories", "TrackingCategories", "?includeArchived=true", (json, item, path) =>
                new XeroChartTrackingCategory(json.Text(item, "Name", path) ?? "", json.Text(item, "Status", path) ?? "",
                    json.Array(item, "Options", path, required: false).Select(o => new XeroChartTrackingOption(
                        json.Text(o.Item, "Name", o.Path) ?? "", json.Text(o.Item, "Status", o.Path) ?? "")).ToList()), cancellationToken);
            if (read.Failure is { } trackingFailure) return ConnectorResult<XeroOrganisationChart>.Fail(trackingFailure);
            categories = read.Value;
        }

        var chart = new XeroChart(
            accounts.Value!.Where(a => a.Code.Length > 0).GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            rates.Value!.GroupBy(r => r.TaxType).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            categories);
        return ConnectorResult<XeroOrganisationChart>.Ok(new XeroOrganisationChart(tenant.Value!, chart));
    }

    private static bool Flag(JsonElement item, string name) => item.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    private static string AppliesTo(JsonElement item) => string.Join(",",
        new[] { "Assets", "Equity", "Expenses", "Liabilities", "Revenue" }.Where(c => Flag(item, "CanApplyTo" + c)));

    /// <summary>GET /connections (no tenant header): the organisation named by the option, by id or name, or the only one.</summary>
    private async Task<ConnectorResult<string>> TenantAsync(ConnectorContext context, string? wanted, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(
            Connection(context, null),
            new VendorRequest("get-connections", HttpMethod.Get, "/connections"),
            cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<string>.Fail(failure);
        using var document = VendorJson.Parse(result.Body, out var problem);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
            return ConnectorResult<string>.Fail(
                ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's list of connections is not readable: {problem ?? "not an array"}"));
        var json = new VendorJson();
        var tenants = document.RootElement.EnumerateArray().Select((c, i) =>
            (
                Id: json.Text(c, "tenantId", $"connections[{i}]") ?? "",
                Name: json.Text(c, "tenantName", $"connections[{i}]", required: false) ?? "")).ToList();
        if (json.HasProblems)
            return ConnectorResult<string>.Fail(
                ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's list of connections is not readable: {json.Describe()}"));
        var names = string.Join(", ", tenants.Select(t => $"{t.Name} ({t.Id})"));
        if (wanted is null)
            return tenants.Count == 1 ? ConnectorResult<string>.Ok(tenants[0].Id)
                : ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, tenants.Count == 0
                    ? "The Xero connection reaches no organisation; the client must connect again and choose one."
                    : $"The Xero connection reaches {tenants.Count} organisations ({names}); name one in accounting.options.tenant."));
        var match = tenants.FirstOrDefault(
            t => string.Equals(t.Id, wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
        return match.Id is { Length: > 0 } ? ConnectorResult<string>.Ok(match.Id)
            : ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                $"The Xero connection does not reach the organisation {wanted} (accounting.options.tenant); " +
                    $"it reaches {(names.Length == 0 ? "none" : names)}."));
    }

    private async Task<ConnectorResult<List<T>>> ListAsync<T>(VendorConnection connection, string operation, string name, string query,
        Func<VendorJson, JsonElement, string, T> read, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(connection, new VendorRequest(operation, HttpMethod.Get, $"{Api}/{name}{query}"), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<List<T>>.Fail(failure);
        using var document = VendorJson.Parse(result.Body, out var problem);
        var json = new VendorJson();
        var items = document is null || document.RootElement.ValueKind != JsonValueKind.Object
            ? null
            : json.Array(document.RootElement, name, "answer").Select(i => read(json, i.Item, i.Path)).ToList();
        return items is null || json.HasProblems
            ? ConnectorResult<List<T>>.Fail(
                ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's answer to {operation} is not readable: {problem ?? json.Describe()}"))
            : ConnectorResult<List<T>>.Ok(items);
    }
}
