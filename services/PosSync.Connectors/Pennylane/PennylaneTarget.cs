using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Pennylane;

/// <summary>
/// Pennylane Company API v2 ledger entries. Pennylane has no server-side idempotency, so the entry
/// number travels as <c>piece_number</c> and the target looks it up in the journal for that date
/// before posting and after any answer it did not get (5xx, timeout, dropped connection): a day is
/// never booked twice. A replaced entry is reversed (contre-passation), never deleted. Account
/// numbers of the mapping are resolved to Pennylane ledger-account ids, the journal by code or id.
/// Only what docs/vendors/pennylane.md documents is used: list filters from its tables, one entry
/// retrieved by id, at most 100 lines per entry.
/// </summary>
public sealed class PennylaneTarget(VendorHttp http, VendorOptions options, TimeProvider clock) : IAccountingTarget
{
    public const string ConnectorName = "pennylane";

    /// <summary>Pennylane's changelog (11/12/2023): at most 100 entry lines per ledger entry on POST and PUT.</summary>
    public const int MaxLines = 100;

    private const string Api = "/api/external/v2";
    private const int PostAttempts = 3;
    private static readonly TimeSpan DirectoryLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, long Id)> _ids = new(StringComparer.Ordinal);

    public string Name => ConnectorName;

    private VendorConnection Connection(ConnectorContext context) => new(context, ConnectorName, ConnectionStore.Accounting, options.Pennylane);

    public Task<ConnectorResult<PostedEntry>> PostAsync(ConnectorContext context, JournalEntry entry, CancellationToken cancellationToken) =>
        BookAsync(context, entry, $"Ventes {entry.Number}", $"entry {entry.Number}", "create-ledger-entry", cancellationToken);

    /// <summary>
    /// Reverses a booked entry with a mirror entry numbered <c>{piece}-ANNUL</c>, as French bookkeeping
    /// requires instead of deleting. It goes through the same look-up-then-post path as a booking,
    /// so removing twice (a retry after a lost answer) still makes one reversal.
    /// </summary>
    public async Task<ConnectorResult<bool>> RemoveAsync(ConnectorContext context, string accountingId, CancellationToken cancellationToken)
    {
        // The list's documented filters do not include id: the entry is retrieved by its own address.
        var result = await http.SendAsync(Connection(context), new VendorRequest("get-ledger-entry", HttpMethod.Get,
            $"{Api}/ledger_entries/{Uri.EscapeDataString(accountingId)}"), cancellationToken);
        if (result.Failure is { } failure)
            return ConnectorResult<bool>.Fail(result.StatusCode == 404
                ? ConnectorFailure.Accounting(FailureKind.Rejected, $"Pennylane has no ledger entry {accountingId} to reverse ({failure.Message}).")
                : failure);
        using var document = VendorJson.Parse(result.Body, out var problem);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            return ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                $"Pennylane's ledger entry {accountingId} is not readable: {problem ?? "not an object"}"));
        var json = new VendorJson();
        var entry = document.RootElement;
        var piece = json.Text(entry, "piece_number", "entry", required: false) ?? accountingId;
        var journal = json.Object(entry, "journal", "entry") is { } j ? json.Text(j, "id", "entry.journal") : null;
        var lines = json.Array(entry, "ledger_entry_lines", "entry").Select(l => new JournalLine(
            json.Object(l.Item, "ledger_account", l.Path) is { } a ? json.Text(a, "number", $"{l.Path}.ledger_account") ?? "" : "",
            Debit: json.Decimal(l.Item, "credit", l.Path),
            Credit: json.Decimal(l.Item, "debit", l.Path),
            VatCode: null,
            Label: "Annulation " + json.Text(l.Item, "label", l.Path, required: false))).ToList();
        var date = json.Text(entry, "date", "entry");
        var currency = json.Text(entry, "currency", "entry", required: false) ?? "EUR";
        if (json.HasProblems || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return ConnectorResult<bool>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                $"Pennylane's ledger entry {accountingId} is not readable: {json.Describe()}"));

        var reversal = new JournalEntry { Number = $"{piece}-ANNUL", Date = day, Journal = journal!, Currency = currency, Lines = lines };
        var posted = await BookAsync(context, reversal, $"Annulation {piece}", $"the reversal of {piece}", "reverse-ledger-entry", cancellationToken);
        return posted.Failure is { } postFailure
            ? ConnectorResult<bool>.Fail(postFailure)
            : ConnectorResult<bool>.Ok(true) with { Notices = posted.Notices };
    }

    /// <summary>
    /// Books the entry on its own date. A correction (the context carries a correction date) that
    /// Pennylane refuses on that date, because its period is closed, is booked on the correction
    /// date instead, labelled with the day it corrects, and the move is reported as a notice.
    /// The docs do not say how a closed period is refused: any refusal of the post (a 4xx other
    /// than 401/403/429) counts, and a refusal on the correction date too is reported as it is.
    /// </summary>
    private async Task<ConnectorResult<PostedEntry>> BookAsync(ConnectorContext context, JournalEntry entry, string label, string what,
        string operation, CancellationToken cancellationToken)
    {
        if (entry.Lines.Count > MaxLines)
            return ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                $"{Capitalised(what)} has {entry.Lines.Count} lines and Pennylane takes at most {MaxLines} lines per ledger entry, so it " +
                    "was not sent; map fewer accounts (e.g. one account per VAT rate) or book this day by hand."));
        var journal = await JournalIdAsync(context, entry.Journal, cancellationToken);
        if (journal.Failure is { } journalFailure) return ConnectorResult<PostedEntry>.Fail(journalFailure);
        var lines = new List<object>();
        foreach (var line in entry.Lines)
        {
            var account = await AccountIdAsync(context, line.Account, cancellationToken);
            if (account.Failure is { } accountFailure) return ConnectorResult<PostedEntry>.Fail(accountFailure);
            lines.Add(new { debit = Amount(line.Debit), credit = Amount(line.Credit), ledger_account_id = account.Value, label = line.Label });
        }

        var onItsDay = await PostOnceAsync(context, journal.Value, entry, label, lines, operation, movedFrom: null, cancellationToken);
        if (onItsDay.Refusal is not { } refusal || context.CorrectionDate is not { } today || today <= entry.Date) return onItsDay.Result;

        var original = entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var moved = await PostOnceAsync(context, journal.Value, entry with { Date = today }, $"{label} (journée du {original})", lines,
            operation, movedFrom: entry.Date, cancellationToken);
        if (moved.Result.Failure is { } movedFailure)
            return ConnectorResult<PostedEntry>.Fail(movedFailure with
            {
                Message = $"{movedFailure.Message} (Pennylane had first refused {what} dated {original}: {refusal.Message})",
            });
        return moved.Result with
        {
            Notices =
            [
                new ConnectorNotice(ConnectorNotice.CorrectionDatedToday,
                    $"Pennylane refused {what} dated {original}, most likely because that period is closed ({refusal.Message}); it was " +
                        $"booked on {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} instead, labelled with the day it corrects."),
            ],
        };
    }

    /// <summary>What one dated try gave, and the post's own refusal (a 4xx on the POST itself) if that is why it failed.</summary>
    private sealed record DatedPost(ConnectorResult<PostedEntry> Result, ConnectorFailure? Refusal = null);

    /// <summary>
    /// Posts an entry unless the journal already holds it under its number; never blind after a lost answer.
    /// An entry moved off <paramref name="movedFrom"/> is looked up on every later day, not only today's:
    /// a retry after midnight must still find the copy a lost answer left.
    /// </summary>
    private async Task<DatedPost> PostOnceAsync(ConnectorContext context, long journalId, JournalEntry entry, string label,
        IReadOnlyList<object> lines,
        string operation, DateOnly? movedFrom, CancellationToken cancellationToken)
    {
        var body = new
        {
            date = entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            label,
            journal_id = journalId,
            currency = entry.Currency,
            piece_number = entry.Number,
            ledger_entry_lines = lines,
        };

        for (var attempt = 1; ; attempt++)
        {
            var existing = await FindAsync(context, journalId, entry, movedFrom, cancellationToken);
            if (existing.Failure is { } findFailure) return new DatedPost(ConnectorResult<PostedEntry>.Fail(findFailure));
            if (existing.Value is { } found) return new DatedPost(found);

            var posted = await http.SendAsync(Connection(context), new VendorRequest(operation, HttpMethod.Post, $"{Api}/ledger_entries",
                () => JsonContent.Create(body)), cancellationToken);
            if (posted.Failure is { } failure)
                return new DatedPost(ConnectorResult<PostedEntry>.Fail(failure), failure.Kind == FailureKind.Rejected ? failure : null);
            if (posted.Succeeded)
            {
                var id = ReadId(posted.Body);
                return new DatedPost(id is null
                    ? ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                        "Pennylane created the entry but answered without its id."))
                    : ConnectorResult<PostedEntry>.Ok(new PostedEntry(id, AlreadyExisted: false)));
            }
            // No answer: it may have been stored. Never post blind: the next turn looks it up first.
            if (attempt >= PostAttempts)
                return new DatedPost(ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Unavailable,
                    $"Pennylane did not confirm entry {entry.Number} after {attempt} attempts ({posted.Detail}) and it is not in the " +
                        "journal; the day will be tried again later.")));
            await Task.Delay(TimeSpan.FromSeconds(options.Pennylane.BackoffSeconds * attempt), clock, cancellationToken);
        }
    }

    /// <summary>
    /// The entry with this number in the journal on its date (or on any day after <paramref name="movedFrom"/>):
    /// the same lines (already booked), different lines (refused), or none.
    /// </summary>
    private async Task<ConnectorResult<ConnectorResult<PostedEntry>?>> FindAsync(ConnectorContext context, long journalId,
        JournalEntry entry, DateOnly? movedFrom, CancellationToken cancellationToken)
    {
        var journal = ("journal_id", "eq", journalId.ToString(CultureInfo.InvariantCulture));
        var filter = movedFrom is { } from
            ? Filter(journal, ("date", "gt", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : Filter(journal, ("date", "eq", entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var wanted = entry.Lines.Select(l => ((string?)l.Account, l.Debit,
            l.Credit)).OrderBy(l => l.Item1).ThenBy(l => l.Item2).ThenBy(l => l.Item3).ToList();
        return await FirstAsync(context, "find-ledger-entry", $"{Api}/ledger_entries?limit=100&filter={filter}", (json, item, itemPath) =>
        {
            if (json.Text(item, "piece_number", itemPath, required: false) != entry.Number) return null;
            var id = json.Text(item, "id", itemPath) ?? "";
            var booked = json.Array(item, "ledger_entry_lines", itemPath)
                .Select(l => (json.Object(l.Item, "ledger_account", l.Path) is { } a ? json.Text(a, "number", $"{l.Path}.ledger_account") : null,
                    json.Decimal(l.Item, "debit", l.Path), json.Decimal(l.Item, "credit", l.Path)))
                .OrderBy(l => l.Item1).ThenBy(l => l.Item2).ThenBy(l => l.Item3).ToList();
            return booked.SequenceEqual(wanted)
                ? ConnectorResult<PostedEntry>.Ok(new PostedEntry(id, AlreadyExisted: true))
                : ConnectorResult<PostedEntry>.Fail(ConnectorFailure.Accounting(FailureKind.Rejected,
                    $"Pennylane already holds an entry numbered {entry.Number} ({id}) with different lines; it was left as it is."));
        }, cancellationToken);
    }

    private async Task<(long Value, ConnectorFailure? Failure)> JournalIdAsync(ConnectorContext context, string journal,
        CancellationToken cancellationToken)
    {
        var key = $"{context.ConsumerId}/journal/{journal}";
        if (Cached(key) is { } cached) return (cached, null);
        var found = await FirstAsync(context, "list-journals", $"{Api}/journals?limit=100", (json, item, itemPath) =>
        {
            var id = json.Text(item, "id", itemPath);
            return id == journal || string.Equals(json.Text(item, "code", itemPath, required: false), journal,
                StringComparison.OrdinalIgnoreCase) ? id : null;
        }, cancellationToken);
        if (found.Failure is { } failure) return (0, failure);
        if (found.Value is { } journalId) return (Remember(key, long.Parse(journalId, CultureInfo.InvariantCulture)), null);
        return (0, ConnectorFailure.Accounting(FailureKind.Rejected,
            $"Pennylane has no journal with code or id {journal} (settings.journal); create it in Pennylane or fix the setting."));
    }

    /// <summary>
    /// Walks a cursor-paged list (the filter goes with every page, as Pennylane requires) until
    /// <paramref name="match"/> returns something or the pages end; unreadable pages are invalid data.
    /// </summary>
    private async Task<ConnectorResult<T?>> FirstAsync<T>(ConnectorContext context, string operation, string path,
        Func<VendorJson, JsonElement, string, T?> match, CancellationToken cancellationToken) where T : class
    {
        string? cursor = null;
        do
        {
            var page = path + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var result = await http.SendAsync(Connection(context), new VendorRequest(operation, HttpMethod.Get, page), cancellationToken);
            if (result.Failure is { } failure) return ConnectorResult<T?>.Fail(failure);
            using var document = VendorJson.Parse(result.Body, out var problem);
            if (document is null) return Invalid(problem);
            var json = new VendorJson();
            foreach (var (item, itemPath) in json.Array(document.RootElement, "items", "response"))
            {
                var found = match(json, item, itemPath);
                if (json.HasProblems) return Invalid(json.Describe());
                if (found is not null) return ConnectorResult<T?>.Ok(found);
            }
            cursor = document.RootElement.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True
                ? json.Text(document.RootElement, "next_cursor", "response")
                : null;
            if (json.HasProblems) return Invalid(json.Describe());
        }
        while (cursor is not null);
        return ConnectorResult<T?>.Ok(null);

        ConnectorResult<T?> Invalid(string? problem) =>
            ConnectorResult<T?>.Fail(ConnectorFailure.Accounting(FailureKind.InvalidData,
                $"Pennylane's answer to {operation} is not readable: {problem}"));
    }

    /// <summary>
    /// One account by its exact number (the <c>number eq</c> filter, changelog 19 July 2025), every page
    /// followed: a prefix search on one page could miss an account the chart holds.
    /// </summary>
    private async Task<(long Value, ConnectorFailure? Failure)> AccountIdAsync(ConnectorContext context, string number,
        CancellationToken cancellationToken)
    {
        var key = $"{context.ConsumerId}/account/{number}";
        if (Cached(key) is { } cached) return (cached, null);
        var filter = Filter(("number", "eq", number));
        var found = await FirstAsync(context, "find-ledger-account", $"{Api}/ledger_accounts?limit=100&filter={filter}",
            (json, item, itemPath) => json.Text(item, "number", itemPath) == number ? json.Text(item, "id", itemPath) : null, cancellationToken);
        if (found.Failure is { } failure) return (0, failure);
        if (found.Value is { } id) return (Remember(key, long.Parse(id, CultureInfo.InvariantCulture)), null);
        return (0, ConnectorFailure.Accounting(FailureKind.Rejected,
            $"Pennylane has no ledger account {number}; create it in Pennylane's chart of accounts or change the mapping."));
    }

    private long? Cached(string key) => _ids.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.At < DirectoryLifetime ? entry.Id : null;

    private long Remember(string key, long id)
    {
        _ids[key] = (clock.GetUtcNow(), id);
        return id;
    }

    /// <summary>Pennylane's filter: a JSON array of {field, operator, value}, URL-encoded, re-sent with every page.</summary>
    private static string Filter(params (string Field, string Operator, string Value)[] conditions) =>
        Uri.EscapeDataString(JsonSerializer.Serialize(conditions.Select(c => new { field = c.Field, @operator = c.Operator, value = c.Value })));

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? ReadId(string? body)
    {
        using var document = VendorJson.Parse(body, out _);
        return document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
            ? id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString()
            : null;
    }
}
