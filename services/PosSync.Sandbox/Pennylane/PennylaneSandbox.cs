using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosSync.Sandbox.Pennylane;

/// <summary>A ledger entry as Pennylane keeps it.</summary>
public sealed record PennylaneEntry(long Id, string Label, DateOnly Date, string? PieceNumber, long JournalId, string Currency, IReadOnlyList<PennylaneLine> Lines);

public sealed record PennylaneLine(long Id, decimal Debit, decimal Credit, string? Label, long AccountId, string AccountNumber);

/// <summary>
/// Pennylane Company API v2 on loopback with the 2026 behaviour: OAuth2 with rotating refresh
/// tokens, journals, ledger accounts (filter, cursor pagination) and ledger entries (balance
/// check, 1,000-line limit, closed periods, cursor pagination that refuses a cursor reused with
/// other filters), the 25-requests-per-5-seconds limit per token with its ratelimit-* headers,
/// and no idempotency at all: a replayed POST makes a second entry. The ledger keeps every entry
/// so tests can count them.
/// </summary>
public sealed class PennylaneSandbox(TimeProvider clock, RequestJournal journal)
{
    public const string Vendor = "pennylane";
    public const int Limit = 25;
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
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private long _nextId = 5000;
    private int _rateLimited;

    /// <summary>
    /// Pennylane's authorisation server (docs/vendors/pennylane.md): the docs do not say how the
    /// client authenticates, so both RFC 6749 ways are taken; 24-hour access tokens, rotating refresh tokens.
    /// </summary>
    public OAuthServer OAuth { get; } = new(clock, TimeSpan.FromHours(24))
    {
        RefreshRevokesOldAccessToken = true,
        ClientAuthentication = ClientAuthenticationRule.BasicOrBody,
        KnownScopes = { "journals:readonly", "journals:all", "ledger_accounts:readonly", "ledger_accounts:all", "ledger_entries:readonly", "ledger_entries:all", "file_attachments:all", "fiscal_years:readonly" },
    };
    public FaultPlan Faults { get; } = new();

    /// <summary>429s answered because a token went over 25 requests in 5 seconds.</summary>
    public int RateLimitedRequests => _rateLimited;

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

    /// <summary>Entries dated on or before this day are refused: the accountant closed the period.</summary>
    public void ClosePeriod(string account, DateOnly until) => _companies[account].ClosedUntil = until;

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
        api.MapGet("/journals", (RequestDelegate)(http => Handle(http, "journals", (company, _) => Task.FromResult(Page(http, "journals",
            company.Journals.OrderByDescending(j => j.Key).Select(j => (j.Key, (JsonNode)new JsonObject
            {
                ["id"] = j.Key, ["code"] = j.Value.Code, ["label"] = j.Value.Label, ["type"] = "cash",
            })))))));
        api.MapGet("/ledger_accounts", (RequestDelegate)(http => Handle(http, "ledger_accounts", (company, filters) => Task.FromResult(Page(http, "ledger_accounts",
            company.Accounts.Where(a => filters.All(f => Matches(f, a.Key, ("number", a.Value.Number))))
                .OrderByDescending(a => a.Key).Select(a => (a.Key, (JsonNode)new JsonObject
                {
                    ["id"] = a.Key, ["number"] = a.Value.Number, ["label"] = a.Value.Label, ["vat_rate"] = "exempt", ["country_alpha2"] = "FR", ["enabled"] = true,
                })))))));
        api.MapGet("/ledger_entries", (RequestDelegate)(http => Handle(http, "ledger_entries.get", (company, filters) =>
        {
            List<PennylaneEntry> entries;
            lock (company.Entries) entries = company.Entries.ToList();
            return Task.FromResult(Page(http, "ledger_entries.get", entries
                .Where(e => filters.All(f => Matches(f, e.Id, ("journal_id", e.JournalId.ToString(CultureInfo.InvariantCulture)), ("date", e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))))
                .OrderByDescending(e => e.Id).Select(e => (e.Id, (JsonNode)Render(e, company)))));
        })));
        api.MapPost("/ledger_entries", (RequestDelegate)(http => Handle(http, "ledger_entries.post", Create)));
    }
#pragma warning restore ASP0016

    private async Task Token(HttpContext http)
    {
        await (await OAuth.TokenEndpointAsync(http.Request)).ExecuteAsync(http);
        Record(http, null);
    }

    private async Task Consent(HttpContext http)
    {
        await OAuth.ConsentEndpoint(http.Request).ExecuteAsync(http);
        Record(http, null);
    }

    private sealed record Filter(string Field, string Operator, string Value);

    private Task Handle(HttpContext http, string route, Func<Company, IReadOnlyList<Filter>, Task<IResult>> work) =>
        Handle(http, route, (_, company, filters) => work(company, filters));

    private async Task Handle(HttpContext http, string route, Func<HttpContext, Company, IReadOnlyList<Filter>, Task<IResult>> work)
    {
        string? token = null;
        try
        {
            var fault = Faults.Take(route);
            if (fault?.Kind is not (FaultKind.CommitThenFail or FaultKind.CommitThenDrop) && await FaultPlan.ApplyBeforeAsync(fault, http, Error)) return;

            var scope = route switch
            {
                "journals" => "journals:readonly",
                "ledger_accounts" => "ledger_accounts:readonly",
                "ledger_entries.post" => "ledger_entries:all",
                "ledger_entries.get" => "ledger_entries:readonly",
                _ => null,
            };
            var (check, issued) = OAuth.Authenticate(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, scope ?? "");
            token = issued?.AccessToken;
            if (check is OAuthServer.Check.Missing or OAuthServer.Check.Invalid or OAuthServer.Check.Expired)
            {
                await Error(401, "The access token is invalid").ExecuteAsync(http);
                return;
            }
            // A read scope is implied by the write scope of the same resource.
            if (scope is not null && check == OAuthServer.Check.MissingScope && !issued!.Scopes.Contains(scope.Replace(":readonly", ":all")))
            {
                await Error(403, $"Access to this resource requires scope \"{scope}\"").ExecuteAsync(http);
                return;
            }
            if (!WithinLimit(http, issued!.AccessToken)) return;
            if (!_companies.TryGetValue(issued.Account, out var company))
            {
                await Error(403, "The token gives access to no company").ExecuteAsync(http);
                return;
            }
            var filters = ReadFilters(http.Request.Query["filter"]);
            if (filters is null)
            {
                await Error(400, "filter must be a JSON array of {field, operator, value}").ExecuteAsync(http);
                return;
            }
            var result = await work(http, company, filters);
            if (fault?.Kind == FaultKind.CommitThenFail)
            {
                await Error(502, "Bad Gateway").ExecuteAsync(http);
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
            Record(http, token);
        }
    }

    /// <summary>25 requests per 5 seconds per token; every answer says how much is left and when it resets.</summary>
    private bool WithinLimit(HttpContext http, string token)
    {
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd(token, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            while (window.Count > 0 && window.Peek() + Window <= now) window.Dequeue();
            var reset = (window.Count > 0 ? window.Peek() + Window : now + Window).ToUnixTimeSeconds() + 1;
            http.Response.Headers["ratelimit-limit"] = Limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
            if (window.Count >= Limit)
            {
                Interlocked.Increment(ref _rateLimited);
                var retry = Math.Max(1, (int)Math.Ceiling((window.Peek() + Window - now).TotalSeconds));
                http.Response.Headers["ratelimit-remaining"] = "0";
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                http.Response.StatusCode = 429;
                http.Response.ContentType = "text/plain";
                http.Response.WriteAsync($"Rate limit exceeded. Please retry in {retry} seconds.").GetAwaiter().GetResult();
                return false;
            }
            window.Enqueue(now);
            http.Response.Headers["ratelimit-remaining"] = (Limit - window.Count).ToString(CultureInfo.InvariantCulture);
            return true;
        }
    }

    private async Task<IResult> Create(HttpContext http, Company company, IReadOnlyList<Filter> _)
    {
        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? throw new JsonException("empty body");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Results.Json(new { message = "The request body is not valid JSON", code = "InvalidJson" }, statusCode: 400);
        }
        if (body["date"]?.GetValue<string>() is not { } dateText || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Results.Json(new { message = "date is required (YYYY-MM-DD)", code = "NotExistRequiredKey", field = "date" }, statusCode: 400);
        if (!long.TryParse(body["journal_id"]?.ToString(), CultureInfo.InvariantCulture, out var journalId) || !company.Journals.ContainsKey(journalId))
            return Error(404, $"Couldn't find Journal with 'id'={body["journal_id"]}");
        if (body["ledger_entry_lines"] is not JsonArray rawLines || rawLines.Count == 0)
            return Results.Json(new { message = "ledger_entry_lines is required", code = "NotExistRequiredKey", field = "ledger_entry_lines" }, statusCode: 400);
        if (rawLines.Count > 1000)
            return Results.Json(new { message = "ledger_entry_lines has more than 1000 items", code = "MoreThanMaximum", field = "ledger_entry_lines" }, statusCode: 400);
        if (company.ClosedUntil is { } closed && date <= closed)
            return Results.Json(new { message = $"period closed: entries dated on or before {closed:yyyy-MM-dd} can no longer be created", code = "ClosedPeriod" }, statusCode: 400);

        var lines = new List<PennylaneLine>();
        foreach (var raw in rawLines)
        {
            if (raw is not JsonObject line
                || !decimal.TryParse(line["debit"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var debit)
                || !decimal.TryParse(line["credit"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var credit)
                || debit < 0 || credit < 0)
                return Results.Json(new { message = "debit and credit are required on every line as decimal strings", code = "InvalidValue" }, statusCode: 400);
            if (!long.TryParse(line["ledger_account_id"]?.ToString(), CultureInfo.InvariantCulture, out var accountId) || !company.Accounts.TryGetValue(accountId, out var account))
                return Error(404, $"Couldn't find LedgerAccount with 'id'={line["ledger_account_id"]}");
            lines.Add(new PennylaneLine(Interlocked.Increment(ref _nextId), debit, credit, line["label"]?.ToString(), accountId, account.Number));
        }
        if (lines.Sum(l => l.Debit) != lines.Sum(l => l.Credit)) return Error(422, "Entry lines are not balanced");

        var entry = new PennylaneEntry(Interlocked.Increment(ref _nextId), body["label"]?.ToString() ?? "", date, body["piece_number"]?.ToString(),
            journalId, body["currency"]?.ToString() ?? "EUR", lines);
        lock (company.Entries) company.Entries.Add(entry);
        return Json(Render(entry, company), 201);
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    /// <summary>Cursor pages: {items, has_more, next_cursor}; a cursor only continues the query that made it.</summary>
    private static IResult Page(HttpContext http, string route, IEnumerable<(long Id, JsonNode Item)> items)
    {
        var limit = int.TryParse(http.Request.Query["limit"], out var l) ? l : 20;
        if (limit is < 1 or > 100) return Error(400, "limit must be between 1 and 100");
        var query = $"{route}|{http.Request.Query["filter"]}";
        long? after = null;
        if (http.Request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)); }
            catch (FormatException) { return Error(400, "cursor is invalid"); }
            var split = decoded.LastIndexOf('#');
            if (split < 0 || decoded[..split] != query) return Error(400, "cursor does not belong to this query (filters must be re-sent unchanged)");
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

    private static IReadOnlyList<Filter>? ReadFilters(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        try
        {
            var filters = JsonSerializer.Deserialize<List<JsonObject>>(text);
            return filters?.Select(f => new Filter((string)f["field"]!, (string)f["operator"]!, f["value"]!.ToString())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    private static bool Matches(Filter filter, long id, params (string Field, string Value)[] fields)
    {
        var value = filter.Field == "id" ? id.ToString(CultureInfo.InvariantCulture) : fields.FirstOrDefault(f => f.Field == filter.Field).Value;
        if (value is null) return false;
        return filter.Operator switch
        {
            "eq" => value == filter.Value,
            "start_with" => value.StartsWith(filter.Value, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static JsonObject Render(PennylaneEntry entry, Company company) => new()
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
            ["ledger_account"] = new JsonObject { ["id"] = l.AccountId, ["number"] = l.AccountNumber, ["url"] = $"/api/external/v2/ledger_accounts/{l.AccountId}" },
        }).ToArray()),
    };

    private void Record(HttpContext http, string? token) => journal.Add(new SandboxRequest(Arrival(http), Vendor, http.Request.Method,
        http.Request.Path + http.Request.QueryString, http.Response.StatusCode, token,
        http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

    /// <summary>Pennylane's error body: {error, status}.</summary>
    private static IResult Error(int status, string message) => Results.Json(new { error = message, status }, statusCode: status);

    /// <summary>When the request arrived (what a vendor's rate limit counts), not when it was answered.</summary>
    private DateTimeOffset Arrival(HttpContext http) =>
        http.Items.TryGetValue(RequestJournal.ArrivedKey, out var at) && at is DateTimeOffset arrived ? arrived : clock.GetUtcNow();
}
