using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosSync.Sandbox.Pennylane;

/// <summary>
/// Pennylane Company API v2 on loopback with the 2026 behaviour, as docs/vendors/pennylane.md
/// publishes it: OAuth2 with rotating refresh tokens, journals, ledger accounts and ledger entries
/// listed with cursor pages and only the documented filters (anything else is a 400), one ledger
/// entry retrieved by id, entries created with a balance check, the changelog's 100-line limit and
/// closed periods; errors in the documented <c>{error, message, details}</c> shape; the
/// 25-requests-per-5-seconds limit per token with its ratelimit-* headers; and no idempotency at
/// all: a replayed POST makes a second entry. The ledger keeps every entry so tests can count them.
/// </summary>
public sealed class PennylaneSandbox
{
    public const string Vendor = "pennylane";
    public const int Limit = 25;
    public const int MaxLines = 100;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private sealed class Company(long id, string name)
    {
        public long Id { get; } = id;
        public string Name { get; } = name;
        public ConcurrentDictionary<long, (string Code, string Label)> Journals { get; } = new();
        public ConcurrentDictionary<long, (string Number, string Label)> Accounts { get; } = new();
        public List<PennylaneEntry> Entries { get; } = [];
        public DateOnly? ClosedUntil { get; set; }
    }

    private readonly ConcurrentDictionary<string, Company> _companies = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private long _nextId = 5000;

    public PennylaneSandbox(TimeProvider clock, RequestJournal journal)
    {
        _clock = clock;
        OAuth = NewOAuth(clock);
        Gate = new SandboxGate(Vendor, OAuth, Faults, journal, clock, new PennylaneRefusals())
        {
            Budget = new RequestBudget(Limit, Window, clock),
            BudgetHeaders = PennylaneRefusals.BudgetHeaders,
        };
    }

    /// <summary>
    /// Pennylane's authorisation server (docs/vendors/pennylane.md): the docs do not say how the
    /// client authenticates, so both RFC 6749 ways are taken; 24-hour access tokens, rotating refresh tokens.
    /// </summary>
    public OAuthServer OAuth { get; }

    private static OAuthServer NewOAuth(TimeProvider clock) => new(clock, TimeSpan.FromHours(24))
    {
        RefreshRevokesOldAccessToken = true,
        ClientAuthentication = ClientAuthenticationRule.BasicOrBody,
        KnownScopes = { "journals:readonly", "journals:all", "ledger_accounts:readonly", "ledger_accounts:all", "ledger_entries:readonly",
            "ledger_entries:all", "file_attachments:all", "fiscal_years:readonly" },
    };
    public FaultPlan Faults { get; } = new();

    /// <summary>The shared request pipeline; its <see cref="SandboxGate.Budget"/> is the 25-requests-per-5-seconds limit.</summary>
    public SandboxGate Gate { get; }

    /// <summary>429s answered because a token went over 25 requests in 5 seconds.</summary>
    public int RateLimitedRequests => Gate.Budget!.Refused;

    public void AddCompany(string account, string name) => _companies[account] = new Company(Interlocked.Increment(ref _nextId), name);

    public long AddJournal(string account, string code, string label)
    {
        var id = Interlocked.Increment(ref _nextId);
        _companies[account].Journals[id] = (code, label);
        return id;
    }

    public void AddAccounts(string account, params string[] numbers)
    {
        foreach (var number in numbers) _companies[account].Accounts[Interlocked.Increment(ref _nextId)] = (number, $"Compte {number}");
    }

    /// <summary>
    /// The accountant closes the books up to this day: entries dated on or before it are refused.
    /// Pennylane does not document that refusal; its status (422) and text are assumptions
    /// (docs/vendors/pennylane.md, "Where the docs are silent").
    /// </summary>
    public void ClosePeriodUntil(string account, DateOnly until) => _companies[account].ClosedUntil = until;

    /// <summary>The chart of accounts by number (the first id of a number), for tests that post by hand.</summary>
    public IReadOnlyDictionary<string, long> AccountIds(string account) =>
        _companies[account].Accounts.OrderBy(a => a.Key).GroupBy(a => a.Value.Number).ToDictionary(g => g.Key, g => g.First().Key,
            StringComparer.Ordinal);

    public IReadOnlyList<long> JournalIds(string account) => [.. _companies[account].Journals.Keys.Order()];

    public IReadOnlyList<PennylaneEntry> Entries(string account)
    {
        var company = _companies[account];
        lock (company.Entries) return company.Entries.ToList();
    }

    // ASP0016 misreads the inner work lambdas (which return Task<IResult> to Handle) as route handlers.
#pragma warning disable ASP0016
    public void Map(IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix);
        group.MapGet("/oauth/authorize", Consent);
        group.MapPost("/oauth/token", Token);
        var api = group.MapGroup("/api/external/v2");
        api.MapGet("/me", (RequestDelegate)(http => Handle(http, "me", (company, _) => Task.FromResult(Json(new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = 1, ["first_name"] = "Sandbox", ["last_name"] = "User", ["email"] = "sandbox@pennylane.example" },
            ["company"] = new JsonObject { ["id"] = company.Id, ["name"] = company.Name },
        })))));
        api.MapGet("/journals", (RequestDelegate)(http => Handle(http, "journals", PennylaneFilter.Journals,
            (company, _) => Task.FromResult(Page(http, "journals",
            company.Journals.OrderByDescending(j => j.Key).Select(j => (j.Key, (JsonNode)new JsonObject
            {
                ["id"] = j.Key, ["code"] = j.Value.Code, ["label"] = j.Value.Label,
            })))))));
        api.MapGet("/ledger_accounts", (RequestDelegate)(http => Handle(http, "ledger_accounts", PennylaneFilter.LedgerAccounts,
            (company, filters) => Task.FromResult(Page(http, "ledger_accounts",
            company.Accounts.Where(a => filters.All(f => f.Matches(f.Field == "id" ? a.Key.ToString(CultureInfo.InvariantCulture) : a.Value.Number)))
                .OrderByDescending(a => a.Key).Select(a => (a.Key, (JsonNode)new JsonObject
                {
                    ["id"] = a.Key, ["number"] = a.Value.Number, ["label"] = a.Value.Label, ["enabled"] = true,
                })))))));
        api.MapGet("/ledger_entries", (RequestDelegate)(http => Handle(http, "ledger_entries.get", PennylaneFilter.LedgerEntries,
            (company, filters) =>
        {
            List<PennylaneEntry> entries;
            lock (company.Entries) entries = company.Entries.ToList();
            return Task.FromResult(Page(http, "ledger_entries.get", entries
                .Where(e => filters.All(f => f.Matches(Field(e, f.Field))))
                .OrderByDescending(e => e.Id).Select(e => (e.Id, (JsonNode)Render(e)))));
        })));
        api.MapGet("/ledger_entries/{id}", (RequestDelegate)(http => Handle(http, "ledger_entry.get", null, (company, _) =>
        {
            var id = http.Request.RouteValues["id"]?.ToString();
            PennylaneEntry? entry;
            lock (company.Entries) entry = company.Entries.FirstOrDefault(e => e.Id.ToString(CultureInfo.InvariantCulture) == id);
            return Task.FromResult(entry is null ? PennylaneError.Answer(404, $"Couldn't find LedgerEntry with 'id'={id}", "id",
                "not found") : Json(Render(entry)));
        })));
        api.MapPost("/ledger_entries", (RequestDelegate)(http => Handle(http, "ledger_entries.post", null, Create)));
    }
#pragma warning restore ASP0016

    private async Task Token(HttpContext http) => await Gate.AnswerAsync(http, null, await OAuth.TokenEndpointAsync(http.Request));

    private async Task Consent(HttpContext http) => await Gate.AnswerAsync(http, null, OAuth.ConsentEndpoint(http.Request));

    private Task Handle(HttpContext http, string route, Func<Company, IReadOnlyList<PennylaneFilter>, Task<IResult>> work) =>
        Handle(http, route, null, (_, company, filters) => work(company, filters));

    private Task Handle(HttpContext http, string route, IReadOnlyDictionary<string, string[]>? documentedFilters,
        Func<Company, IReadOnlyList<PennylaneFilter>, Task<IResult>> work) =>
        Handle(http, route, documentedFilters, (_, company, filters) => work(company, filters));

    /// <summary>
    /// The shared gate (scripted fault, token 401, scope 403, the rate limit), then the company the token opens (403),
    /// the documented filters (400), the work. A fault scripted to strike after the work (the entry stored, the
    /// answer lost) strikes then; when the work stored nothing it waits for the next request on the route.
    /// </summary>
    /// <param name="documentedFilters">The list endpoint's documented filter table; null where there is no list to filter.</param>
    private async Task Handle(HttpContext http, string route, IReadOnlyDictionary<string, string[]>? documentedFilters,
        Func<HttpContext, Company, IReadOnlyList<PennylaneFilter>, Task<IResult>> work)
    {
        if (await Gate.AdmitAsync(http, route, Scopes(route)) is not { } token) return;
        try
        {
            if (!_companies.TryGetValue(token.Account, out var company))
            {
                await PennylaneError.Answer(403, "The token gives access to no company").ExecuteAsync(http);
                return;
            }
            var (filters, refusal) = documentedFilters is null ? ([], null) : PennylaneFilter.Read(http.Request.Query["filter"], documentedFilters);
            if (refusal is not null)
            {
                await PennylaneError.Answer(400, refusal, "filter", refusal).ExecuteAsync(http);
                return;
            }
            var result = await work(http, company, filters);
            var fault = SandboxGate.AfterWork(http);
            if (fault is not null && result is IStatusCodeHttpResult { StatusCode: not (>= 200 and < 300) })
            {
                Gate.KeepForNext(route, fault);
                fault = null;
            }
            if (fault?.Kind == FaultKind.CommitThenFail)
            {
                await PennylaneError.Answer(502, "Bad Gateway").ExecuteAsync(http);
                return;
            }
            if (fault?.Kind == FaultKind.CommitThenDrop)
            {
                http.Abort();
                return;
            }
            await result.ExecuteAsync(http);
        }
        finally
        {
            Gate.Record(http, token);
        }
    }

    /// <summary>The scope the route's documentation asks for, first; a read is also opened by the same resource's write scope.</summary>
    private static string[] Scopes(string route) => route switch
    {
        "journals" => ["journals:readonly", "journals:all"],
        "ledger_accounts" => ["ledger_accounts:readonly", "ledger_accounts:all"],
        "ledger_entries.post" => ["ledger_entries:all"],
        "ledger_entries.get" or "ledger_entry.get" => ["ledger_entries:readonly", "ledger_entries:all"],
        _ => [],
    };

    private async Task<IResult> Create(HttpContext http, Company company, IReadOnlyList<PennylaneFilter> _)
    {
        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? throw new JsonException("empty body");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return PennylaneError.Answer(400, "The request body is not valid JSON");
        }
        if (body["date"]?.GetValue<string>() is not { } dateText || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return PennylaneError.Answer(422, "Missing required field: date", "date", "is required (YYYY-MM-DD)");
        if (!long.TryParse(body["journal_id"]?.ToString(), CultureInfo.InvariantCulture, out var journalId)
            || !company.Journals.ContainsKey(journalId))
            return PennylaneError.Answer(404, $"Couldn't find Journal with 'id'={body["journal_id"]}", "journal_id", "not found");
        if (body["ledger_entry_lines"] is not JsonArray rawLines || rawLines.Count == 0)
            return PennylaneError.Answer(422, "Missing required field: ledger_entry_lines", "ledger_entry_lines", "is required");
        // CL-2023: at most 100 entry lines created per ledger entry. The refusal's status and text are not documented.
        if (rawLines.Count > MaxLines)
            return PennylaneError.Answer(422, $"A ledger entry can have at most {MaxLines} entry lines", "ledger_entry_lines",
                $"has {rawLines.Count} items, more than {MaxLines}");
        if (company.ClosedUntil is { } closed && date <= closed)
            return PennylaneError.Answer(422, "The fiscal period is closed", "date",
                $"is in a closed fiscal period (closed until {closed:yyyy-MM-dd})");

        var lines = new List<PennylaneLine>();
        foreach (var raw in rawLines)
        {
            if (raw is not JsonObject line
                || !decimal.TryParse(line["debit"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var debit)
                || !decimal.TryParse(line["credit"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var credit)
                || debit < 0 || credit < 0)
                return PennylaneError.Answer(422, "debit and credit are required on every line as decimal strings", "ledger_entry_lines",
                    "debit and credit must be decimal strings");
            if (!long.TryParse(line["ledger_account_id"]?.ToString(), CultureInfo.InvariantCulture, out var accountId)
                || !company.Accounts.TryGetValue(accountId, out var account))
                return PennylaneError.Answer(404, $"Couldn't find LedgerAccount with 'id'={line["ledger_account_id"]}", "ledger_account_id",
                    "not found");
            lines.Add(new PennylaneLine(Interlocked.Increment(ref _nextId), debit, credit, line["label"]?.ToString(), accountId, account.Number));
        }
        if (lines.Sum(l => l.Debit) != lines.Sum(l => l.Credit)) return PennylaneError.Answer(422, "Entry lines are not balanced",
            "ledger_entry_lines", "debits and credits differ");

        var entry = new PennylaneEntry(Interlocked.Increment(ref _nextId), body["label"]?.ToString() ?? "", date, body["piece_number"]?.ToString(),
            journalId, body["currency"]?.ToString() ?? "EUR", lines, _clock.GetUtcNow());
        lock (company.Entries) company.Entries.Add(entry);
        return Json(Render(entry), 201);
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    /// <summary>Cursor pages: {items, has_more, next_cursor}; a cursor only continues the query that made it.</summary>
    private static IResult Page(HttpContext http, string route, IEnumerable<(long Id, JsonNode Item)> items)
    {
        var limit = int.TryParse(http.Request.Query["limit"], out var l) ? l : 20;
        if (limit is < 1 or > 100) return PennylaneError.Answer(400, "limit must be between 1 and 100", "limit", "must be between 1 and 100");
        var query = $"{route}|{http.Request.Query["filter"]}";
        long? after = null;
        if (http.Request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)); }
            catch (FormatException) { return PennylaneError.Answer(400, "cursor is invalid", "cursor", "is invalid"); }
            var split = decoded.LastIndexOf('#');
            if (split < 0 || decoded[..split] != query) return PennylaneError.Answer(400,
                "cursor does not belong to this query (filters must be re-sent unchanged)", "cursor", "does not belong to this query");
            after = long.Parse(decoded[(split + 1)..], CultureInfo.InvariantCulture);
        }
        var remaining = items.Where(i => after is null || i.Id < after).ToList();
        var page = remaining.Take(limit).ToList();
        var more = remaining.Count > limit;
        return Json(new JsonObject
        {
            ["items"] = new JsonArray(page.Select(p => p.Item).ToArray()),
            ["has_more"] = more,
            ["next_cursor"] = more ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{query}#{page[^1].Id}")) : null,
            ["total_pages"] = null, ["current_page"] = null, ["total_items"] = null, ["per_page"] = null,
        });
    }

    /// <summary>The value a documented ledger-entry filter field compares.</summary>
    private static string? Field(PennylaneEntry entry, string field) => field switch
    {
        "journal_id" => entry.JournalId.ToString(CultureInfo.InvariantCulture),
        "date" => entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "created_at" or "updated_at" => entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static JsonObject Render(PennylaneEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["label"] = entry.Label,
        ["date"] = entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["piece_number"] = entry.PieceNumber,
        ["currency"] = entry.Currency,
        ["journal"] = new JsonObject { ["id"] = entry.JournalId, ["url"] = $"/api/external/v2/journals/{entry.JournalId}" },
        ["ledger_entry_lines"] = new JsonArray(entry.Lines.Select(l => (JsonNode)new JsonObject
        {
            ["id"] = l.Id,
            ["debit"] = l.Debit.ToString("0.00", CultureInfo.InvariantCulture),
            ["credit"] = l.Credit.ToString("0.00", CultureInfo.InvariantCulture),
            ["label"] = l.Label,
            ["ledger_account"] = new JsonObject { ["id"] = l.AccountId, ["number"] = l.AccountNumber,
                ["url"] = $"/api/external/v2/ledger_accounts/{l.AccountId}" },
        }).ToArray()),
        ["created_at"] = entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["updated_at"] = entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
