using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosSync.Sandbox.Xero;

/// <summary>
/// Xero's Accounting API on loopback as docs/vendors/xero.md publishes it: OAuth 2 (consent with PKCE,
/// form-body token requests, 30-minute access tokens, rotating refresh tokens with the 30-minute grace for
/// the replaced one, 60 days unused), <c>GET /connections</c> listing the organisations a token reaches,
/// and under <c>/api.xro/2.0</c> accounts, tax rates, tracking categories and manual journals, every call naming its
/// organisation in <c>xero-tenant-id</c> (403 without). Journals are checked by <see cref="XeroJournalRules"/>,
/// replayed under their Idempotency-Key, voided by a status change; the per-tenant limits (60 a minute,
/// 5,000 a day, 5 at once) answer 429 with Retry-After and X-Rate-Limit-Problem, and every answer carries
/// the remaining counts.
/// </summary>
public sealed class XeroSandbox
{
    public const string Vendor = "xero";
    public const string Api = "/api.xro/2.0";
    public const int AppMinuteLimit = 10_000;
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, List<XeroOrganisation>> _organisations = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, int> _rateLimited = new(StringComparer.Ordinal);

    public XeroSandbox(TimeProvider clock, RequestJournal journal)
    {
        _clock = clock;
        OAuth = NewOAuth(clock);
        // Xero's limits count per tenant, after the tenant header is checked (a 403 before a 429): not the gate's budget per token.
        Gate = new SandboxGate(Vendor, OAuth, Faults, journal, clock, Refusals);
    }

    /// <summary>
    /// Xero's identity server: web apps authenticate with HTTP Basic (SDK); PKCE apps send client_id and code_verifier,
    /// no secret (RFC 7636, assumed); invalid_client is a 400 (TROUBLE).
    /// </summary>
    public OAuthServer OAuth { get; }

    private static OAuthServer NewOAuth(TimeProvider clock) => new(clock, TimeSpan.FromMinutes(30))
    {
        ClientAuthentication = ClientAuthenticationRule.BasicOrBody,
        AllowsPublicClient = true,
        InvalidClientStatus = 400,
        RefreshGrace = TimeSpan.FromMinutes(30),
        RefreshLifetime = TimeSpan.FromDays(60),
        SendsRefreshExpiresIn = false,
        KnownScopes = { "offline_access", "openid", "profile", "email", "accounting.transactions", "accounting.transactions.read",
            "accounting.manualjournals", "accounting.manualjournals.read", "accounting.settings", "accounting.settings.read" },
    };

    public FaultPlan Faults { get; } = new();
    public XeroRefusals Refusals { get; } = new();

    /// <summary>The sandboxes' shared request pipeline: scripted faults, the bearer token and its scope, the journal.</summary>
    public SandboxGate Gate { get; }

    /// <summary>429s answered because a tenant went over one of its limits.</summary>
    public int RateLimitedRequests => _rateLimited.Values.Sum();

    /// <summary>429s answered for one limit: "minute", "day" or "concurrent".</summary>
    public int RateLimitedBy(string problem) => _rateLimited.GetValueOrDefault(problem);

    /// <summary>An organisation the account's consent reaches (a token reaches every organisation of its account).</summary>
    public XeroOrganisation AddOrganisation(string account, string name)
    {
        var organisation = new XeroOrganisation(Guid.NewGuid(), name, _clock.GetUtcNow());
        _organisations.GetOrAdd(account, _ => []).Add(organisation);
        return organisation;
    }

    public IReadOnlyList<XeroStoredJournal> Journals(Guid tenantId)
    {
        var organisation = _organisations.Values.SelectMany(o => o).Single(o => o.TenantId == tenantId);
        lock (organisation) return organisation.Journals.ToList();
    }

    // ASP0016 misreads the inner work lambdas as route handlers.
#pragma warning disable ASP0016
    public void Map(IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix);
        group.MapGet("/identity/connect/authorize", async http => await Gate.AnswerAsync(http, null, OAuth.ConsentEndpoint(http.Request)));
        group.MapPost("/connect/token", async http =>
        {
            if (await FaultPlan.ApplyBeforeAsync(Faults.Take("token"), http, Refusals.Error, Refusals.RateLimited)) Gate.Record(http, null);
            else await Gate.AnswerAsync(http, null, await OAuth.TokenEndpointAsync(http.Request));
        });
        group.MapGet(
            "/connections",
            (RequestDelegate)(http => Handle(http, "connections", [], tenant: false, (_, account) => Task.FromResult(Connections(account)))));
        var api = group.MapGroup(Api);
        string[] settings = ["accounting.settings", "accounting.settings.read"];
        string[] journalsWrite = ["accounting.transactions", "accounting.manualjournals"];
        string[] journalsRead = [.. journalsWrite, "accounting.transactions.read", "accounting.manualjournals.read"];
        api.MapGet("/Accounts", (RequestDelegate)(http => Handle(http, "accounts", settings, tenant: true, (o, _) => Task.FromResult(Accounts(o)))));
        api.MapGet("/TaxRates", (RequestDelegate)(http => Handle(http, "taxrates", settings, tenant: true, (o, _) => Task.FromResult(TaxRates(o)))));
        api.MapGet("/TrackingCategories", (RequestDelegate)(http => Handle(http, "trackingcategories", settings, tenant: true,
            (o, _) => Task.FromResult(TrackingCategories(o!, http.Request.Query["includeArchived"].ToString())))));
        api.MapPut(
            "/ManualJournals",
            (RequestDelegate)(http => Handle(http, "manualjournals.put", journalsWrite, tenant: true, (o, _) => CreateAsync(http, o))));
        api.MapGet("/ManualJournals", (RequestDelegate)(http => Handle(http, "manualjournals.get", journalsRead, tenant: true,
            (o, _) => Task.FromResult(List(http, o!)))));
        api.MapGet(
            "/ManualJournals/{id}",
            (RequestDelegate)(http => Handle(http, "manualjournal.get", journalsRead, tenant: true, (o, _) => Task.FromResult(One(http, o)))));
        api.MapPost(
            "/ManualJournals/{id}",
            (RequestDelegate)(http => Handle(http, "manualjournal.post", journalsWrite, tenant: true, (o, _) => UpdateAsync(http, o!))));
    }
#pragma warning restore ASP0016

    /// <summary>
    /// The order Xero's answers imply: the shared gate (scripted fault, bearer token 401, scope 401
    /// AuthorizationUnsuccessful), then the tenant header (403), the tenant's limits (429), the work. A fault
    /// scripted to strike after the work (the journal stored, the answer lost) strikes then.
    /// </summary>
    private async Task Handle(HttpContext http, string route, string[] scopes, bool tenant, Func<XeroOrganisation?, string, Task<IResult>> work)
    {
        if (await Gate.AdmitAsync(http, route, scopes) is not { } token) return;
        XeroOrganisation? organisation = null;
        var counted = false;
        try
        {
            if (tenant)
            {
                var header = http.Request.Headers["xero-tenant-id"].ToString();
                organisation = _organisations.GetValueOrDefault(token.Account)?.FirstOrDefault(
                    o => o.TenantId.ToString() == header.Trim().ToLowerInvariant());
                if (organisation is null)
                {
                    await XeroError.Forbidden().ExecuteAsync(http);
                    return;
                }
                if (Admit(http, organisation) is { } tooMany)
                {
                    await tooMany.ExecuteAsync(http);
                    return;
                }
                counted = true;
                // Xero takes time to answer; while it does, the call counts against the tenant's calls in progress.
                if (organisation.WorkTime > TimeSpan.Zero) await Task.Delay(organisation.WorkTime, _clock);
            }
            var result = await work(organisation, token.Account);
            var fault = SandboxGate.AfterWork(http);
            if (fault?.Kind == FaultKind.CommitThenDrop)
            {
                http.Abort();
                return;
            }
            if (fault?.Kind == FaultKind.CommitThenFail)
                result = Results.Json(new { Message = "Sandbox: the journal was stored, the answer is lost" }, statusCode: fault.Status);
            await result.ExecuteAsync(http);
        }
        finally
        {
            if (counted) organisation!.Leave();
            Gate.Record(http, token);
        }
    }

    /// <summary>The tenant's limits (FAQ-LIMITS): a call past one answers 429 naming it; every admitted call is counted.</summary>
    private IResult? Admit(HttpContext http, XeroOrganisation organisation)
    {
        var now = _clock.GetUtcNow();
        string? problem = null;
        var retryAfter = 1;
        int minuteRemaining, dayRemaining;
        lock (organisation)
        {
            while (organisation.Calls.Count > 0 && now - organisation.Calls.Peek() >= TimeSpan.FromDays(1)) organisation.Calls.Dequeue();
            var inMinute = organisation.Calls.Count(c => now - c < organisation.Minute);
            if (organisation.Calls.Count >= organisation.DayLimit)
            {
                problem = "day";
                retryAfter = (int)Math.Ceiling((organisation.Calls.Peek() + TimeSpan.FromDays(1) - now).TotalSeconds);
            }
            else if (inMinute >= organisation.MinuteLimit)
            {
                problem = "minute";
                retryAfter = (int)Math.Ceiling(
                    (organisation.Calls.First(c => now - c < organisation.Minute) + organisation.Minute - now).TotalSeconds);
            }
            else if (organisation.InFlight >= organisation.ConcurrentLimit)
            {
                problem = "concurrent";
            }
            else
            {
                organisation.Calls.Enqueue(now);
                organisation.Enter();
                inMinute++;
            }
            minuteRemaining = Math.Max(0, organisation.MinuteLimit - inMinute);
            dayRemaining = Math.Max(0, organisation.DayLimit - organisation.Calls.Count);
        }
        http.Response.Headers["X-MinLimit-Remaining"] = minuteRemaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-DayLimit-Remaining"] = dayRemaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-AppMinLimit-Remaining"] = (AppMinuteLimit - 1).ToString(CultureInfo.InvariantCulture);
        if (problem is null) return null;
        _rateLimited.AddOrUpdate(problem, 1, (_, n) => n + 1);
        return XeroRefusals.TooMany(TimeSpan.FromSeconds(retryAfter), problem);
    }

    private IResult Connections(string account) => Results.Json((_organisations.GetValueOrDefault(account) ?? []).Select(o => new
    {
        id = o.ConnectionId, tenantId = o.TenantId, authEventId = o.AuthEventId, tenantType = "ORGANISATION", tenantName = o.Name,
        createdDateUtc = o.ConnectedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        updatedDateUtc = o.ConnectedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
    }).ToList());

    private IResult Accounts(XeroOrganisation? o) => Envelope("Accounts", new JsonArray([.. o!.Accounts.Select(a => (JsonNode)new JsonObject
    {
        ["AccountID"] = a.Id.ToString(), ["Code"] = a.Code, ["Name"] = a.Name, ["Type"] = a.Type, ["Status"] = "ACTIVE", ["TaxType"] = a.TaxType,
        ["Class"] = a.Class, ["SystemAccount"] = a.SystemAccount, ["EnablePaymentsToAccount"] = false,
        ["UpdatedDateUTC"] = XeroDate.Of(o.ConnectedAt),
    })]));

    private IResult TaxRates(XeroOrganisation? o) => Envelope("TaxRates", new JsonArray([.. o!.TaxRates.Select(t => (JsonNode)new JsonObject
    {
        ["Name"] = t.Name, ["TaxType"] = t.TaxType, ["Status"] = "ACTIVE", ["ReportTaxType"] = "OUTPUT",
        ["TaxComponents"] = new JsonArray(
            new JsonObject { ["Name"] = "VAT", ["Rate"] = t.EffectiveRate, ["IsCompound"] = false, ["IsNonRecoverable"] = false }),
        ["CanApplyToAssets"] = t.CanApplyToAssets, ["CanApplyToEquity"] = t.CanApplyToEquity, ["CanApplyToExpenses"] = t.CanApplyToExpenses,
        ["CanApplyToLiabilities"] = t.CanApplyToLiabilities, ["CanApplyToRevenue"] = t.CanApplyToRevenue,
        ["DisplayTaxRate"] = t.EffectiveRate, ["EffectiveRate"] = t.EffectiveRate,
    })]));

    /// <summary>
    /// GET /TrackingCategories: the active categories and options; archived ones too with includeArchived=true
    /// (SPEC); deleted ones never.
    /// </summary>
    private IResult TrackingCategories(XeroOrganisation o, string includeArchived)
    {
        var archived = string.Equals(includeArchived, "true", StringComparison.OrdinalIgnoreCase);
        bool Listed(string status) => status == "ACTIVE" || (archived && status == "ARCHIVED");
        return Envelope("TrackingCategories", new JsonArray([.. o.TrackingCategories.Where(c => Listed(c.Status)).Select(c => (JsonNode)new JsonObject
        {
            ["Name"] = c.Name, ["Status"] = c.Status, ["TrackingCategoryID"] = c.Id.ToString(),
            ["Options"] = new JsonArray([.. c.Options.Where(op => Listed(op.Status)).Select(op => (JsonNode)new JsonObject
            {
                ["TrackingOptionID"] = op.Id.ToString(), ["Name"] = op.Name, ["Status"] = op.Status,
            })]),
        })]));
    }

    /// <summary>
    /// PUT /ManualJournals: each journal judged on its own. With summarizeErrors=false a refused journal comes
    /// back in a 200 with its ValidationErrors; otherwise (Xero staff: summarized is the default) a 400.
    /// Under an Idempotency-Key the first answer is replayed for the same body, and a different body is refused.
    /// </summary>
    private async Task<IResult> CreateAsync(HttpContext http, XeroOrganisation? o)
    {
        var organisation = o!;
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (http.Request.Headers.ContainsKey("Idempotency-Key") && (key.Length == 0 || key.Length > 128))
            return XeroError.Validation([], "The Idempotency-Key header must be between 1 and 128 characters.");
        var now = _clock.GetUtcNow();
        lock (organisation)
        {
            if (key.Length > 0 && organisation.Replays.TryGetValue(key, out var replay) && now - replay.At < IdempotencyWindow)
                return replay.Request == body
                    ? Results.Text(replay.Answer, "application/json", statusCode: replay.Status)
                    : XeroError.Validation([], "Idempotency-Key reused with a different request body");
            var (status, answer) = Create(body, organisation, http.Request.Query["summarizeErrors"].ToString(), now);
            if (key.Length > 0) organisation.Replays[key] = (body, status, answer, now);
            return Results.Text(answer, "application/json", statusCode: status);
        }
    }

    private (int Status, string Answer) Create(string body, XeroOrganisation organisation, string summarizeErrors, DateTimeOffset now)
    {
        JsonElement[] sent;
        try
        {
            using var document = JsonDocument.Parse(body);
            sent = document.RootElement.TryGetProperty("ManualJournals", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.Clone()).ToArray()
                : [];
        }
        catch (JsonException e)
        {
            return (
                400,
                Serialize(
                    new
                    {
                        ErrorNumber = 14,
                        Type = "PostDataInvalidException",
                        Message = $"JSON for post data was invalid, {e.Message}",
                        Elements = Array.Empty<object>()
                    }));
        }
        if (sent.Length == 0)
            return (
                400,
                Serialize(
                    new
                    {
                        ErrorNumber = 10,
                        Type = "ValidationException",
                        Message = "A validation exception occurred",
                        Elements = Array.Empty<object>()
                    }));

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var verdicts = sent.Select(j => (Sent: j, Verdict: XeroJournalRules.Judge(j, organisation, today, now))).ToList();
        var summarized = !string.Equals(summarizeErrors, "false", StringComparison.OrdinalIgnoreCase);
        if (summarized && verdicts.Any(v => v.Verdict.Journal is null))
            return (400, Serialize(new
            {
                ErrorNumber = 10, Type = "ValidationException", Message = "A validation exception occurred",
                Elements = verdicts.Where(v => v.Verdict.Journal is null).Select(v => Refused(v.Sent, v.Verdict)).ToList(),
            }));
        var rendered = new JsonArray();
        foreach (var (journalSent, verdict) in verdicts)
        {
            if (verdict.Journal is { } stored)
            {
                organisation.Journals.Add(stored);
                var node = Render(stored);
                if (verdict.Warnings.Count > 0) node["Warnings"] = Messages(verdict.Warnings);
                rendered.Add(node);
            }
            else
            {
                rendered.Add(Refused(journalSent, verdict));
            }
        }
        return (200, EnvelopeText("ManualJournals", rendered));
    }

    /// <summary>A refused journal as sent, with its errors (SPEC's example answer with ValidationErrors).</summary>
    private static JsonObject Refused(JsonElement sent, XeroJournalVerdict verdict)
    {
        var node = JsonNode.Parse(sent.GetRawText())!.AsObject();
        node["StatusAttributeString"] = "ERROR";
        node["ValidationErrors"] = Messages(verdict.Errors);
        if (verdict.Warnings.Count > 0) node["Warnings"] = Messages(verdict.Warnings);
        return node;
    }

    /// <summary>
    /// GET /ManualJournals: the journals the where filter keeps (<see cref="XeroJournalFilter"/>), oldest first, up to
    /// 100 a page; their JournalLines only when a page is asked for (MJ: "with journal lines shown for each, when the
    /// page parameter is used"), else empty as in SPEC's example answer.
    /// </summary>
    private IResult List(HttpContext http, XeroOrganisation o)
    {
        var (matches, refusal) = XeroJournalFilter.Parse(http.Request.Query["where"].ToString());
        if (matches is null) return XeroError.Validation([], refusal!);
        var paged = int.TryParse(http.Request.Query["page"].ToString(), out var page);
        if (paged && page < 1) return XeroError.Validation([], $"The page '{page}' is not a valid page number.");
        List<XeroStoredJournal> found;
        lock (o) found = o.Journals.Where(matches).ToList();
        var shown = paged ? found.Skip((page - 1) * 100).Take(100) : found;
        return Envelope("ManualJournals", new JsonArray([.. shown.Select(j => (JsonNode)Render(paged ? j : j with { Lines = [] }))]));
    }

    private IResult One(HttpContext http, XeroOrganisation? o)
    {
        var found = Find(http, o!);
        return found is null ? Results.NotFound() : Envelope("ManualJournals", new JsonArray(Render(found)));
    }

    /// <summary>
    /// POST /ManualJournals/{id}: PosSync uses it for status changes only (docs/vendors/xero.md "Status changes"):
    /// POSTED → VOIDED, DRAFT → DELETED (or POSTED); asking a journal for the status it has changes nothing;
    /// any other change, and any change to a voided or deleted journal, is a 400 ValidationException.
    /// </summary>
    private async Task<IResult> UpdateAsync(HttpContext http, XeroOrganisation o)
    {
        var found = Find(http, o);
        if (found is null) return Results.NotFound();
        using var document = JsonDocument.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync());
        var sent = document.RootElement.TryGetProperty("ManualJournals", out var list)
            && list.ValueKind == JsonValueKind.Array
            && list.GetArrayLength() == 1
            ? list[0]
            : default;
        var wanted = sent.ValueKind == JsonValueKind.Object && sent.TryGetProperty("Status", out var s) ? s.GetString() : null;
        lock (o)
        {
            var current = o.Journals.First(j => j.Id == found.Id);
            var allowed = wanted == current.Status
                || (current.Status, wanted) is ("POSTED", "VOIDED") or ("DRAFT", "DELETED") or ("DRAFT", "POSTED");
            if (!allowed)
                return XeroError.Validation(
                    [new { ManualJournalID = current.Id, ValidationErrors = new[] { new { Message = $"A {current.Status} manual journal cannot be " +
                        $"changed to {wanted ?? "(no status)"}." } } }]);
            var changed = current with { Status = wanted!, UpdatedAt = _clock.GetUtcNow() };
            o.Journals[o.Journals.IndexOf(current)] = changed;
            return Envelope("ManualJournals", new JsonArray(Render(changed)));
        }
    }

    private static XeroStoredJournal? Find(HttpContext http, XeroOrganisation o)
    {
        var id = http.Request.RouteValues["id"]?.ToString();
        lock (o) return o.Journals.FirstOrDefault(j => string.Equals(j.Id.ToString(), id, StringComparison.OrdinalIgnoreCase));
    }

    private static JsonObject Render(XeroStoredJournal j) => new()
    {
        ["Date"] = XeroDate.Of(j.Date),
        ["Status"] = j.Status,
        ["LineAmountTypes"] = j.LineAmountTypes,
        ["UpdatedDateUTC"] = XeroDate.Of(j.UpdatedAt),
        ["ManualJournalID"] = j.Id.ToString(),
        ["Narration"] = j.Narration,
        ["JournalLines"] = new JsonArray([.. j.Lines.Select(l =>
        {
            var line = new JsonObject
            {
                ["LineAmount"] = l.LineAmount, ["AccountCode"] = l.AccountCode, ["AccountID"] = l.AccountId.ToString(),
                ["TaxType"] = l.TaxType, ["TaxAmount"] = l.TaxAmount, ["IsBlank"] = false,
            };
            if (l.Description is not null) line["Description"] = l.Description;
            // SPEC's example answer: Tracking on every line, empty when untracked, with the ids Xero resolved.
            line["Tracking"] = new JsonArray([.. (l.Tracking ?? []).Select(t => (JsonNode)new JsonObject
            {
                ["Name"] = t.Category.Name, ["Option"] = t.Option.Name,
                ["TrackingCategoryID"] = t.Category.Id.ToString(), ["TrackingOptionID"] = t.Option.Id.ToString(),
            })]);
            return (JsonNode)line;
        })]),
        ["ShowOnCashBasisReports"] = j.ShowOnCashBasisReports,
        ["HasAttachments"] = false,
    };

    private static JsonArray Messages(IEnumerable<string> messages) => new([.. messages.Select(m => (JsonNode)new JsonObject { ["Message"] = m })]);

    private IResult Envelope(string name, JsonArray items) => Results.Text(EnvelopeText(name, items), "application/json");

    /// <summary>Xero's envelope (SPEC examples): Id, Status, ProviderName, DateTimeUTC, then the list.</summary>
    private string EnvelopeText(string name, JsonArray items) => new JsonObject
    {
        ["Id"] = Guid.NewGuid().ToString(), ["Status"] = "OK", ["ProviderName"] = "PosSync",
        ["DateTimeUTC"] = XeroDate.Of(_clock.GetUtcNow()), [name] = items,
    }.ToJsonString();

    private static string Serialize(object value) => JsonSerializer.Serialize(value);
}
