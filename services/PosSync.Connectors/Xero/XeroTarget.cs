using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Contracts;

namespace PosSync.Connectors.Xero;

/// <summary>
/// Xero's Accounting API (docs/vendors/xero.md). The organisation is the connection's tenant, named by
/// <c>accounting.options.tenant</c> (its id or name) or the only one GET /connections lists, and sent as
/// xero-tenant-id on every call. A day is one manual journal (<see cref="XeroJournalMapping"/>), created by
/// PUT with summarizeErrors=false and an Idempotency-Key, so a retry after a lost answer gets the first
/// answer back instead of a second journal; before it, the entry's live journal is looked up by its Narration
/// and recorded if Xero already holds it. A 200 carrying ValidationErrors or Warnings is a refusal with
/// Xero's words. A replaced day is voided (never deleted), then booked again under its -R{n} number. With
/// <c>accounting.options.tracking_category</c>, every line carries the location's option of that category.
/// The organisation and its chart come from <see cref="XeroDirectory"/>; a refusal makes it read them again.
/// </summary>
public sealed class XeroTarget(VendorHttp http, VendorOptions options, TimeProvider clock) : IAccountingTarget
{
    public const string ConnectorName = "xero";
    public const string TenantOption = "tenant";
    public const string StatusOption = "status";
    public const string TrackingCategoryOption = "tracking_category";

    /// <summary>
    /// accounting.options.tracking_option.{location id}: the location's option in the tracking category (default: the
    /// location's name).
    /// </summary>
    public const string TrackingOptionPrefix = "tracking_option.";

    private const string Api = XeroDirectory.Api;
    private readonly XeroDirectory _directory = new(http, options, clock);

    public string Name => ConnectorName;

    public async Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken)
    {
        var tracking = Tracking(context, out var noLocation);
        if (noLocation is not null)
            return ConnectorResult<PostedEntry>.Fail(
                ConnectorFailure.Accounting(FailureKind.Rejected, $"Entry {entry.Number} cannot be booked in Xero: {noLocation}"));
        var wanted = context.Option(TenantOption);
        var organisation = await _directory.ReadAsync(context, wanted, tracking is not null, cancellationToken);
        if (organisation.Failure is { } noOrganisation) return ConnectorResult<PostedEntry>.Fail(noOrganisation);
        var (tenant, chart) = organisation.Value!;
        var status = context.Option(StatusOption) ?? "POSTED";
        var mapping = XeroJournalMapping.Map(entry, chart, status, tracking);
        if (mapping.Journal is not { } journal)
        {
            // The refusal may come from the chart as read up to ten minutes ago: once the client fixes it in Xero, the next try must see the fix.
            _directory.Forget(context, wanted, tracking is not null);
            return ConnectorResult<PostedEntry>.Fail(
                ConnectorFailure.Accounting(FailureKind.Rejected, $"Entry {entry.Number} cannot be booked in Xero: {mapping.Refusal}"));
        }

        var connection = _directory.Connection(context, tenant);
        var live = await LiveJournalAsync(connection, entry.Number, journal, cancellationToken);
        if (live.Failure is { } lookupFailure) return ConnectorResult<PostedEntry>.Fail(lookupFailure);
        if (live.Value is { } existing) return Checked(entry, journal, existing, alreadyExisted: true);

        var body = JsonSerializer.Serialize(journal.Body());
        var used = chart.Signature(entry.Lines.Select(l => l.Account), journal.Lines.Select(l => l.TaxType), tracking);
        var result = await http.SendAsync(connection, new VendorRequest("create-manual-journal", HttpMethod.Put,
            $"{Api}/ManualJournals?summarizeErrors=false", () => new StringContent(body, Encoding.UTF8, "application/json"),
            new Dictionary<string, string> { [VendorRequest.IdempotencyKey] = IdempotencyKey(tenant, entry.Number, body + used) },
            XeroAnswer.Refusal), cancellationToken);
        // Xero refused the journal, maybe for what the client then fixes in its chart: reading the chart again gives
        // the next try a new revision, so a new Idempotency-Key, instead of Xero replaying this refusal.
        if (result.Failure is { Kind: FailureKind.Rejected }) _directory.Forget(context, wanted, tracking is not null);
        if (result.Failure is { } failure) return ConnectorResult<PostedEntry>.Fail(failure);
        if (!result.Succeeded)
            return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Unavailable,
                $"Xero did not confirm entry {entry.Number} ({result.Detail}); the day will be tried again later with the same " +
                    "Idempotency-Key, so it is booked once."));
        var (booked, problem) = XeroAnswer.Journal(result.Body);
        if (booked is null)
            return ConnectorResult<PostedEntry>.Fail(
                ConnectorFailure.Accounting(
                    FailureKind.InvalidData,
                    $"Xero's answer to the journal of entry {entry.Number} is not readable: {problem}"));
        return Checked(entry, journal, booked, alreadyExisted: false);
    }

    /// <summary>The journal Xero holds for the entry, recorded only when Xero derived the entry's VAT per tax type.</summary>
    private static ConnectorResult<PostedEntry> Checked(JournalEntry entry, XeroManualJournal journal, XeroBookedJournal booked, bool alreadyExisted)
    {
        foreach (var (taxType, expected) in journal.ExpectedTax)
        {
            if (booked.TaxByType.GetValueOrDefault(taxType) != expected)
                return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                    $"Xero booked entry {entry.Number} as journal {booked.Id} with " +
                        $"{XeroAnswer.Money(booked.TaxByType.GetValueOrDefault(taxType))} of {taxType} tax where the entry has " +
                            $"{XeroAnswer.Money(expected)}; void that journal in Xero and book the day by hand."));
        }
        return ConnectorResult<PostedEntry>.Ok(new PostedEntry(booked.Id, alreadyExisted));
    }

    /// <summary>
    /// Before every PUT, the entry's live journal if Xero already holds one: GET /ManualJournals filtered on the
    /// Narration (an optimised filter of Xero's where), page=1 so that the journal lines come back. An earlier
    /// attempt whose answer was lost may have booked the day; PosSync keeps no trace of that outcome across
    /// restarts, so it always asks rather than trusting the Idempotency-Key alone (whose 24 hours may be over, or
    /// whose revision changed with the chart). A voided or deleted journal is no booking: the day is sent again.
    /// </summary>
    private async Task<ConnectorResult<XeroBookedJournal?>> LiveJournalAsync(VendorConnection connection, string number, XeroManualJournal journal,
        CancellationToken cancellationToken)
    {
        var where = Uri.EscapeDataString($"Narration==\"{journal.Narration}\"");
        var result = await http.SendAsync(connection, new VendorRequest("get-manual-journals", HttpMethod.Get,
            $"{Api}/ManualJournals?where={where}&page=1"), cancellationToken);
        if (result.Failure is { } failure) return ConnectorResult<XeroBookedJournal?>.Fail(failure);
        var (journals, problem) = XeroAnswer.Journals(result.Body);
        if (journals is null)
            return ConnectorResult<XeroBookedJournal?>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                $"Xero's list of the manual journals of entry {number} is not readable: {problem}"));
        var live = journals.FirstOrDefault(j => j.Narration == journal.Narration && j.Status is "POSTED" or "DRAFT");
        return ConnectorResult<XeroBookedJournal?>.Ok(live);
    }

    /// <summary>
    /// Voids a posted journal (a draft is deleted), as Xero corrects a posted journal. The journal is read
    /// first: its Narration is required in the update, and one already voided or deleted needs nothing.
    /// </summary>
    public async Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken)
    {
        var organisation = await _directory.ReadAsync(context, context.Option(TenantOption), tracking: false, cancellationToken);
        if (organisation.Failure is { } noOrganisation) return ConnectorResult<bool>.Fail(noOrganisation);
        var connection = _directory.Connection(context, organisation.Value!.Tenant);
        var path = $"{Api}/ManualJournals/{Uri.EscapeDataString(accountingId)}";
        var read = await http.SendAsync(connection, new VendorRequest("get-manual-journal", HttpMethod.Get, path), cancellationToken);
        if (read.Failure is { } readFailure)
            return ConnectorResult<bool>.Fail(read.StatusCode == 404
                ? ConnectorFailure.Accounting(FailureKind.Rejected, $"Xero has no manual journal {accountingId} to void ({readFailure.Message}).")
                : readFailure);
        var (journal, problem) = XeroAnswer.Journal(read.Body);
        if (journal is null)
            return ConnectorResult<bool>.Fail(
                ConnectorFailure.Accounting(FailureKind.InvalidData, $"Xero's manual journal {accountingId} is not readable: {problem}"));
        if (journal.Status is "VOIDED" or "DELETED") return ConnectorResult<bool>.Ok(true);

        var status = journal.Status == "DRAFT" ? "DELETED" : "VOIDED";
        var body = JsonSerializer.Serialize(
            new { ManualJournals = new[] { new { journal.Narration, Status = status, ManualJournalID = journal.Id } } });
        var idempotency = new Dictionary<string, string>
        {
            [VendorRequest.IdempotencyKey] = $"possync:{status.ToLowerInvariant()}:{journal.Id}",
        };
        var changed = await http.SendAsync(connection, new VendorRequest("void-manual-journal", HttpMethod.Post, path,
            () => new StringContent(body, Encoding.UTF8, "application/json"), idempotency, XeroAnswer.Refusal), cancellationToken);
        if (changed.Failure is { } failure) return ConnectorResult<bool>.Fail(failure);
        return changed.Succeeded
            ? ConnectorResult<bool>.Ok(true)
            : ConnectorResult<bool>.Fail(
                ConnectorFailure.Accounting(
                    FailureKind.Unavailable,
                    $"Xero did not confirm voiding journal {accountingId} ({changed.Detail}); it will be tried again."));
    }

    /// <summary>
    /// The key Xero replays a PUT by: the tenant, the entry's number and a digest of the journal sent and of the
    /// part of the chart it uses (its revision: its accounts, tax types, tracking), under Xero's 128 characters.
    /// The same journal sent again gets the first answer, whatever else the client changed in the chart; a day whose
    /// journal changed (a mapping fixed after a refusal), or sent after the client fixed one of the accounts or tax
    /// rates it uses, is a new request, not a replay of the old refusal.
    /// </summary>
    public static string IdempotencyKey(string tenant, string number, string body)
    {
        var revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        var key = $"possync:{tenant}:{number}:{revision}";
        return key.Length <= 128 ? key : key[..128];
    }

    /// <summary>
    /// The tracking of the day's location when the consumer names a tracking category: the option set for the
    /// location, else the location's name; null without a category. A day without a location cannot be tracked.
    /// </summary>
    private static XeroTracking? Tracking(ConnectorContext context, out string? problem)
    {
        problem = null;
        if (context.Option(TrackingCategoryOption) is not { } category) return null;
        if (context.LocationId is { } id && context.Option(TrackingOptionPrefix + id) is { } option)
            return new XeroTracking(category, option, $"accounting.options.{TrackingOptionPrefix}{id}");
        if (context.LocationName is { } name)
            return new XeroTracking(category, name, $"the name of location {context.LocationId}");
        problem = $"accounting.options.{TrackingCategoryOption} tracks locations in Xero, and this day names no location of the configuration.";
        return null;
    }
}
