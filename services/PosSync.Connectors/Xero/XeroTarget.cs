using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Xero;

/// <summary>
/// Xero's Accounting API (docs/vendors/xero.md). The organisation is the connection's tenant, named by
/// <c>accounting.options.tenant</c> (its id or name) or the only one GET /connections lists, and sent as
/// xero-tenant-id on every call. A day is one manual journal (<see cref="XeroJournalMapping"/>), created by
/// PUT with summarizeErrors=false and an Idempotency-Key, so a retry after a lost answer gets the first
/// answer back instead of a second journal. A 200 carrying ValidationErrors or Warnings is a refusal with
/// Xero's words. A replaced day is voided (never deleted), then booked again under its -R{n} number.
/// </summary>
public sealed class XeroTarget(VendorHttp http, VendorOptions options, TimeProvider clock) : IAccountingTarget
{
    public const string ConnectorName = "xero";
    public const string TenantOption = "tenant";
    public const string StatusOption = "status";

    private const string Api = "/api.xro/2.0";
    private static readonly TimeSpan DirectoryLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string Tenant, XeroChart Chart)> _directory = new(StringComparer.Ordinal);

    public string Name => ConnectorName;

    public async Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationAsync(context, cancellationToken);
        if (organisation.Failure is { } noOrganisation) return ConnectorResult<PostedEntry>.Fail(noOrganisation);
        var (tenant, chart) = organisation.Value;
        var status = context.Option(StatusOption) ?? "POSTED";
        var mapping = XeroJournalMapping.Map(entry, chart, status);
        if (mapping.Journal is not { } journal)
            return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, $"Entry {entry.Number} cannot be booked in Xero: {mapping.Refusal}"));

        var body = JsonSerializer.Serialize(journal.Body());
        var result = await http.SendAsync(Connection(context, tenant), new VendorRequest("create-manual-journal", HttpMethod.Put,
            $"{Api}/ManualJournals?summarizeErrors=false", () => new StringContent(body, Encoding.UTF8, "application/json"),
            new Dictionary<string, string> { [VendorRequest.IdempotencyKey] = IdempotencyKey(tenant, entry.Number, body + chart.Signature()) },
            XeroAnswer.Refusal), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<PostedEntry>.Fail(failure);
        if (!result.Succeeded)
            return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Unavailable,
                $"Xero did not confirm entry {entry.Number} ({result.Detail}); the day will be tried again later with the same Idempotency-Key, so it is booked once."));
        var (booked, problem) = XeroAnswer.Journal(result.Body);
        if (booked is null)
            return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's answer to the journal of entry {entry.Number} is not readable: {problem}"));
        foreach (var (taxType, expected) in journal.ExpectedTax)
        {
            if (booked.TaxByType.GetValueOrDefault(taxType) != expected)
                return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                    $"Xero booked entry {entry.Number} as journal {booked.Id} with {XeroAnswer.Money(booked.TaxByType.GetValueOrDefault(taxType))} of {taxType} tax where the entry has {XeroAnswer.Money(expected)}; void that journal in Xero and book the day by hand."));
        }
        return ConnectorResult<PostedEntry>.Ok(new PostedEntry(booked.Id, AlreadyExisted: false));
    }

    /// <summary>
    /// Voids a posted journal (a draft is deleted), as Xero corrects a posted journal. The journal is read
    /// first: its Narration is required in the update, and one already voided or deleted needs nothing.
    /// </summary>
    public async Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationAsync(context, cancellationToken);
        if (organisation.Failure is { } noOrganisation) return ConnectorResult<bool>.Fail(noOrganisation);
        var connection = Connection(context, organisation.Value.Tenant);
        var path = $"{Api}/ManualJournals/{Uri.EscapeDataString(accountingId)}";
        var read = await http.SendAsync(connection, new VendorRequest("get-manual-journal", HttpMethod.Get, path), cancellationToken);
        if (read.Failure is { } readFailure)
            return ConnectorResult<bool>.Fail(read.StatusCode == 404
                ? ConnectorFailure.Accounting(FailureKind.Rejected, $"Xero has no manual journal {accountingId} to void ({readFailure.Message}).")
                : readFailure);
        var (journal, problem) = XeroAnswer.Journal(read.Body);
        if (journal is null)
            return ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's manual journal {accountingId} is not readable: {problem}"));
        if (journal.Status is "VOIDED" or "DELETED") return ConnectorResult<bool>.Ok(true);

        var status = journal.Status == "DRAFT" ? "DELETED" : "VOIDED";
        var body = JsonSerializer.Serialize(new { ManualJournals = new[] { new { journal.Narration, Status = status, ManualJournalID = journal.Id } } });
        var changed = await http.SendAsync(connection, new VendorRequest("void-manual-journal", HttpMethod.Post, path,
            () => new StringContent(body, Encoding.UTF8, "application/json"),
            new Dictionary<string, string> { [VendorRequest.IdempotencyKey] = $"possync:{status.ToLowerInvariant()}:{journal.Id}" }, XeroAnswer.Refusal), cancellationToken);
        if (changed.Failure is { } failure) return ConnectorResult<bool>.Fail(failure);
        return changed.Succeeded
            ? ConnectorResult<bool>.Ok(true)
            : ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.Unavailable, $"Xero did not confirm voiding journal {accountingId} ({changed.Detail}); it will be tried again."));
    }

    /// <summary>
    /// The key Xero replays a PUT by: the tenant, the entry's number and a digest of the journal sent and of the
    /// chart it was checked against (its revision), under Xero's 128 characters. The same journal sent again gets
    /// the first answer; a day whose journal changed (a mapping fixed after a refusal), or sent after the client
    /// fixed the organisation's accounts or tax rates, is a new request, not a replay of the old refusal.
    /// </summary>
    public static string IdempotencyKey(string tenant, string number, string body)
    {
        var revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        var key = $"possync:{tenant}:{number}:{revision}";
        return key.Length <= 128 ? key : key[..128];
    }

    private VendorConnection Connection(ConnectorContext context, string? tenant) =>
        new(context, ConnectorName, ConnectionStore.Accounting, options.Xero,
            tenant is null ? null : new Dictionary<string, string> { ["xero-tenant-id"] = tenant });

    /// <summary>The tenant and its chart, read once per ten minutes per consumer.</summary>
    private async Task<ConnectorResult<(string Tenant, XeroChart Chart)>> OrganisationAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var wanted = context.Option(TenantOption);
        var key = $"{context.ConsumerId}/{wanted}";
        if (_directory.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < DirectoryLifetime)
            return ConnectorResult<(string, XeroChart)>.Ok((cached.Tenant, cached.Chart));

        var tenant = await TenantAsync(context, wanted, cancellationToken);
        if (tenant.Failure is { } noTenant) return ConnectorResult<(string, XeroChart)>.Fail(noTenant);
        var connection = Connection(context, tenant.Value);
        var accounts = await ListAsync(connection, "get-accounts", "Accounts", (json, item, path) =>
            new XeroChartAccount(json.Text(item, "Code", path, required: false) ?? "", json.Text(item, "Type", path) ?? "", json.Text(item, "Class", path, required: false) ?? "",
                json.Text(item, "SystemAccount", path, required: false) ?? "", json.Text(item, "Status", path) ?? ""), cancellationToken);
        if (accounts.Failure is { } accountsFailure) return ConnectorResult<(string, XeroChart)>.Fail(accountsFailure);
        var rates = await ListAsync(connection, "get-tax-rates", "TaxRates", (json, item, path) =>
            new XeroChartTaxRate(json.Text(item, "TaxType", path) ?? "", json.Decimal(item, "EffectiveRate", path),
                item.TryGetProperty("CanApplyToRevenue", out var revenue) && revenue.ValueKind == JsonValueKind.True, json.Text(item, "Status", path) ?? ""), cancellationToken);
        if (rates.Failure is { } ratesFailure) return ConnectorResult<(string, XeroChart)>.Fail(ratesFailure);

        var chart = new XeroChart(
            accounts.Value!.Where(a => a.Code.Length > 0).GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            rates.Value!.GroupBy(r => r.TaxType).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
        _directory[key] = (clock.GetUtcNow(), tenant.Value!, chart);
        return ConnectorResult<(string, XeroChart)>.Ok((tenant.Value!, chart));
    }

    /// <summary>GET /connections (no tenant header): the organisation named by the option, by id or name, or the only one.</summary>
    private async Task<ConnectorResult<string>> TenantAsync(ConnectorContext context, string? wanted, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(Connection(context, null), new VendorRequest("get-connections", HttpMethod.Get, "/connections"), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<string>.Fail(failure);
        using var document = VendorJson.Parse(result.Body, out var problem);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
            return ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's list of connections is not readable: {problem ?? "not an array"}"));
        var json = new VendorJson();
        var tenants = document.RootElement.EnumerateArray().Select((c, i) =>
            (Id: json.Text(c, "tenantId", $"connections[{i}]") ?? "", Name: json.Text(c, "tenantName", $"connections[{i}]", required: false) ?? "")).ToList();
        if (json.HasProblems)
            return ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's list of connections is not readable: {json.Describe()}"));
        var names = string.Join(", ", tenants.Select(t => $"{t.Name} ({t.Id})"));
        if (wanted is null)
            return tenants.Count == 1 ? ConnectorResult<string>.Ok(tenants[0].Id)
                : ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected, tenants.Count == 0
                    ? "The Xero connection reaches no organisation; the client must connect again and choose one."
                    : $"The Xero connection reaches {tenants.Count} organisations ({names}); name one in accounting.options.tenant."));
        var match = tenants.FirstOrDefault(t => string.Equals(t.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
        return match.Id is { Length: > 0 } ? ConnectorResult<string>.Ok(match.Id)
            : ConnectorResult<string>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                $"The Xero connection does not reach the organisation {wanted} (accounting.options.tenant); it reaches {(names.Length == 0 ? "none" : names)}."));
    }

    private async Task<ConnectorResult<List<T>>> ListAsync<T>(VendorConnection connection, string operation, string name, Func<VendorJson, JsonElement, string, T> read, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(connection, new VendorRequest(operation, HttpMethod.Get, $"{Api}/{name}"), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<List<T>>.Fail(failure);
        using var document = VendorJson.Parse(result.Body, out var problem);
        var json = new VendorJson();
        var items = document is null || document.RootElement.ValueKind != JsonValueKind.Object ? null
            : json.Array(document.RootElement, name, "answer").Select(i => read(json, i.Item, i.Path)).ToList();
        return items is null || json.HasProblems
            ? ConnectorResult<List<T>>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's answer to {operation} is not readable: {problem ?? json.Describe()}"))
            : ConnectorResult<List<T>>.Ok(items);
    }
}
