using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PosSync.Sandbox;
using PosSync.Sandbox.Xero;
using PosSync.Testing;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests;

/// <summary>The Xero sandbox answers as docs/vendors/xero.md says Xero does, and its answers keep to xero-accounting.yaml.</summary>
[NonParallelizable]
public sealed class XeroSandboxTests
{
    private const string Account = "acct-cafe-uk";
    private FixedClock _clock = null!;
    private SandboxHost _host = null!;
    private XeroOrganisation _organisation = null!;
    private HttpClient _http = null!;
    private IssuedToken _token = null!;
    private readonly ContractValidator _contract = new(VendorSpecs.Xero, "/xero");

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new FixedClock(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        _host = await SandboxHost.StartAsync(clock: _clock);
        _organisation = _host.Xero.AddOrganisation(Account, "Corner Café Ltd").WithUkChart();
        _token = _host.Xero.OAuth.IssueFor(Account, "offline_access", "accounting.transactions", "accounting.settings.read");
        _http = new HttpClient { BaseAddress = new Uri(_host.XeroUrl + "/") };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Answer, string Body)> SendAsync(
        HttpMethod method, string path, object? body = null, string? tenant = "", string? key = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (tenant is not null) request.Headers.Add("xero-tenant-id", tenant.Length == 0 ? _organisation.TenantId.ToString() : tenant);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var answer = await _http.SendAsync(request);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    private void AssertKeepsToTheContract(HttpMethod method, string path, HttpResponseMessage answer, string body) =>
        ContractAssert.Passes(_contract.ValidateResponse(method.Method, "/xero" + path, (int)answer.StatusCode, body), $"{method} {path}");

    private static object Journal(decimal debit, decimal credit, string? narration = "POS takings", string types = "Inclusive") => new
    {
        ManualJournals = new[]
        {
            new
            {
                Narration = narration, Date = "2026-11-30", Status = "POSTED", LineAmountTypes = types,
                JournalLines = new object[]
                {
                    new { LineAmount = debit, AccountCode = "611", TaxType = "NONE", Description = "Card" },
                    new { LineAmount = -credit, AccountCode = "201", TaxType = "OUTPUT2", Description = "Sales" },
                },
            },
        },
    };

    [Test]
    public async Task A_balanced_journal_is_booked_with_the_tax_Xero_derives_per_line_and_MS_dates()
    {
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=false";
        var (answer, body) = await SendAsync(HttpMethod.Put, path, Journal(120.00m, 120.00m));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        AssertKeepsToTheContract(HttpMethod.Put, path, answer, body);
        var journal = JsonNode.Parse(body)!["ManualJournals"]![0]!;
        Assert.That(journal["Date"]!.GetValue<string>(), Is.EqualTo("/Date(1795996800000+0000)/"));
        Assert.That(journal["JournalLines"]![1]!["TaxAmount"]!.GetValue<decimal>(), Is.EqualTo(-20.00m));
        Assert.That(answer.Headers.GetValues("X-MinLimit-Remaining").Single(), Is.EqualTo("59"));
        Assert.That(answer.Headers.GetValues("X-DayLimit-Remaining").Single(), Is.EqualTo("4999"));
    }

    [Test]
    public async Task Journals_are_listed_by_Narration_with_their_lines_only_when_a_page_is_asked_for()
    {
        await SendAsync(HttpMethod.Put, "/api.xro/2.0/ManualJournals", Journal(120.00m, 120.00m, "POS takings A"));
        await SendAsync(HttpMethod.Put, "/api.xro/2.0/ManualJournals", Journal(60.00m, 60.00m, "POS takings B"));
        var where = Uri.EscapeDataString("Narration==\"POS takings B\"");

        var (paged, pagedBody) = await SendAsync(HttpMethod.Get, $"/api.xro/2.0/ManualJournals?where={where}&page=1");
        var (unpaged, unpagedBody) = await SendAsync(HttpMethod.Get, $"/api.xro/2.0/ManualJournals?where={where}");

        Assert.That(paged.StatusCode, Is.EqualTo(HttpStatusCode.OK), pagedBody);
        AssertKeepsToTheContract(HttpMethod.Get, $"/api.xro/2.0/ManualJournals?where={where}&page=1", paged, pagedBody);
        var found = JsonNode.Parse(pagedBody)!["ManualJournals"]!.AsArray();
        Assert.That(found.Select(j => j!["Narration"]!.GetValue<string>()), Is.EqualTo(new[] { "POS takings B" }));
        Assert.That(found[0]!["JournalLines"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(JsonNode.Parse(unpagedBody)!["ManualJournals"]![0]!["JournalLines"]!.AsArray(), Is.Empty);
    }

    [TestCase("Date>DateTime(2026,11,01)")]
    [TestCase("Narration.Contains(\"POS\")")]
    [TestCase("Narration==\"A\" OR Status==\"DRAFT\"")]
    public async Task A_where_filter_the_sandbox_does_not_imitate_is_refused_rather_than_ignored(string where)
    {
        var (answer, body) = await SendAsync(HttpMethod.Get, $"/api.xro/2.0/ManualJournals?where={Uri.EscapeDataString(where)}");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("The sandbox filters manual journals only on"));
    }

    [Test]
    public async Task An_unbalanced_journal_comes_back_in_a_200_with_its_ValidationErrors_when_errors_are_not_summarized()
    {
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=false";
        var (answer, body) = await SendAsync(HttpMethod.Put, path, Journal(100.00m, 10.00m));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertKeepsToTheContract(HttpMethod.Put, path, answer, body);
        var journal = JsonNode.Parse(body)!["ManualJournals"]![0]!;
        Assert.That(journal["StatusAttributeString"]!.GetValue<string>(), Is.EqualTo("ERROR"));
        Assert.That(
            journal["ValidationErrors"]![0]!["Message"]!.GetValue<string>(),
            Is.EqualTo("The total debits (100.00) must equal total credits (-10.00)"));
        Assert.That(_host.Xero.Journals(_organisation.TenantId), Is.Empty);
    }

    [Test]
    public async Task A_journal_without_Narration_is_a_400_ValidationException_when_errors_are_summarized()
    {
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=true";
        var (answer, body) = await SendAsync(HttpMethod.Put, path, Journal(120m, 120m, narration: null));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertKeepsToTheContract(HttpMethod.Put, path, answer, body);
        var error = JsonNode.Parse(body)!;
        Assert.That(error["ErrorNumber"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(error["Type"]!.GetValue<string>(), Is.EqualTo("ValidationException"));
        Assert.That(error["Elements"]![0]!["ValidationErrors"]![0]!["Message"]!.GetValue<string>(), Is.EqualTo("Narration must be supplied."));
    }

    [TestCase(null, TestName = "A call without xero-tenant-id is a 403 AuthenticationUnsuccessful")]
    [TestCase(
        "7c2f4a4e-0000-4000-8000-000000000000",
        TestName = "A call naming an organisation the token does not reach is a 403 AuthenticationUnsuccessful")]
    public async Task The_tenant_header_is_required(string? tenant)
    {
        var (answer, body) = await SendAsync(HttpMethod.Get, "/api.xro/2.0/Accounts", tenant: tenant);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(JsonNode.Parse(body)!["detail"]!.GetValue<string>(), Is.EqualTo("AuthenticationUnsuccessful"));
    }

    /// <summary>A UK café's tracking of its shops, one shop closed (archived).</summary>
    private void TrackShops() => _organisation.TrackingCategories.Add(new XeroTrackingCategory(Guid.NewGuid(), "Shop",
        [new XeroTrackingOption(Guid.NewGuid(), "Soho"), new XeroTrackingOption(Guid.NewGuid(), "Camden", "ARCHIVED")]));

    private static object TrackedJournal(string category, string option) => new
    {
        ManualJournals = new[]
        {
            new
            {
                Narration = "POS takings", Date = "2026-11-30", Status = "POSTED", LineAmountTypes = "Inclusive",
                JournalLines = new object[]
                {
                    new
                    {
                        LineAmount = 120m,
                        AccountCode = "611",
                        TaxType = "NONE",
                        Description = "Card",
                        Tracking = new[] { new { Name = category, Option = option } }
                    },
                    new
                    {
                        LineAmount = -120m,
                        AccountCode = "201",
                        TaxType = "OUTPUT2",
                        Description = "Sales",
                        Tracking = new[] { new { Name = category, Option = option } }
                    },
                },
            },
        },
    };

    [TestCase("", new[] { "Soho" })]
    [TestCase("?includeArchived=true", new[] { "Soho", "Camden" })]
    public async Task Tracking_categories_list_their_active_options_and_the_archived_ones_when_asked(string query, string[] options)
    {
        TrackShops();
        var path = "/api.xro/2.0/TrackingCategories" + query;

        var (answer, body) = await SendAsync(HttpMethod.Get, path);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        AssertKeepsToTheContract(HttpMethod.Get, path, answer, body);
        var category = JsonNode.Parse(body)!["TrackingCategories"]!.AsArray().Single()!;
        Assert.That(category["Name"]!.GetValue<string>(), Is.EqualTo("Shop"));
        Assert.That(category["Options"]!.AsArray().Select(o => o!["Name"]!.GetValue<string>()), Is.EqualTo(options));
    }

    [Test]
    public async Task A_tracked_journal_is_booked_with_the_category_and_option_Xero_resolved()
    {
        TrackShops();
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=false";

        var (answer, body) = await SendAsync(HttpMethod.Put, path, TrackedJournal("Shop", "Soho"));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        AssertKeepsToTheContract(HttpMethod.Put, path, answer, body);
        var tracking = JsonNode.Parse(body)!["ManualJournals"]![0]!["JournalLines"]![0]!["Tracking"]![0]!;
        Assert.That((tracking["Name"]!.GetValue<string>(), tracking["Option"]!.GetValue<string>()), Is.EqualTo(("Shop", "Soho")));
        Assert.That(
            _host.Xero.Journals(_organisation.TenantId).Single().Lines.Select(l => l.Tracking!.Single().Option.Name),
            Has.All.EqualTo("Soho"));
    }

    [TestCase("Region", "Soho", "There is no ACTIVE tracking category with the name 'Region'")]
    [TestCase("Shop", "Camden", "There is no ACTIVE tracking option with the name 'Camden' in tracking category 'Shop'")]
    [TestCase("Shop", "Brixton", "There is no ACTIVE tracking option with the name 'Brixton' in tracking category 'Shop'")]
    public async Task Tracking_an_unknown_or_archived_category_or_option_is_refused(string category, string option, string message)
    {
        TrackShops();
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=false";

        var (answer, body) = await SendAsync(HttpMethod.Put, path, TrackedJournal(category, option));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertKeepsToTheContract(HttpMethod.Put, path, answer, body);
        var errors = JsonNode.Parse(body)!["ManualJournals"]![0]!["ValidationErrors"]!.AsArray();
        Assert.That(errors.Select(e => e!["Message"]!.GetValue<string>()), Is.EqualTo(new[] { message }), "one message for the two lines");
        Assert.That(_host.Xero.Journals(_organisation.TenantId), Is.Empty);
    }

    [Test]
    public async Task Accounts_tax_rates_and_connections_answer_as_documented()
    {
        foreach (var path in new[] { "/api.xro/2.0/Accounts", "/api.xro/2.0/TaxRates" })
        {
            var (answer, body) = await SendAsync(HttpMethod.Get, path);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            AssertKeepsToTheContract(HttpMethod.Get, path, answer, body);
        }
        var (connections, list) = await SendAsync(HttpMethod.Get, "/connections", tenant: null);
        Assert.That(connections.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            JsonNode.Parse(list)!.AsArray().Select(c => c!["tenantId"]!.GetValue<string>()),
            Is.EqualTo(new[] { _organisation.TenantId.ToString() }));
    }

    [Test]
    public async Task The_same_Idempotency_Key_gets_the_same_answer_and_one_journal_and_a_different_body_under_it_is_refused()
    {
        const string path = "/api.xro/2.0/ManualJournals?summarizeErrors=false";
        var (_, first) = await SendAsync(HttpMethod.Put, path, Journal(120m, 120m), key: "day-1");
        var (_, again) = await SendAsync(HttpMethod.Put, path, Journal(120m, 120m), key: "day-1");
        var (other, refusal) = await SendAsync(HttpMethod.Put, path, Journal(60m, 60m), key: "day-1");

        Assert.That(again, Is.EqualTo(first));
        Assert.That(_host.Xero.Journals(_organisation.TenantId), Has.Count.EqualTo(1));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusal, Does.Contain("Idempotency-Key reused with a different request body"));
    }

    [Test]
    public async Task A_posted_journal_is_voided_and_a_draft_cannot_be()
    {
        var (_, posted) = await SendAsync(HttpMethod.Put, "/api.xro/2.0/ManualJournals?summarizeErrors=false", Journal(120m, 120m));
        var id = JsonNode.Parse(posted)!["ManualJournals"]![0]!["ManualJournalID"]!.GetValue<string>();
        var path = $"/api.xro/2.0/ManualJournals/{id}";

        var (voided, body) = await SendAsync(
            HttpMethod.Post,
            path,
            new { ManualJournals = new[] { new { Narration = "POS takings", Status = "VOIDED" } } });
        var (back, refusal) = await SendAsync(
            HttpMethod.Post,
            path,
            new { ManualJournals = new[] { new { Narration = "POS takings", Status = "POSTED" } } });

        Assert.That(voided.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertKeepsToTheContract(HttpMethod.Post, path, voided, body);
        Assert.That(_host.Xero.Journals(_organisation.TenantId).Single().Status, Is.EqualTo("VOIDED"));
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertKeepsToTheContract(HttpMethod.Post, path, back, refusal);
    }

    [Test]
    public async Task The_61st_call_of_a_minute_is_a_429_naming_the_minute_limit()
    {
        for (var i = 0; i < 60; i++)
            Assert.That((await SendAsync(HttpMethod.Get, "/api.xro/2.0/TaxRates")).Answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (answer, _) = await SendAsync(HttpMethod.Get, "/api.xro/2.0/TaxRates");

        Assert.That((int)answer.StatusCode, Is.EqualTo(429));
        Assert.That(answer.Headers.GetValues("X-Rate-Limit-Problem").Single(), Is.EqualTo("minute"));
        Assert.That(answer.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(answer.Headers.GetValues("X-MinLimit-Remaining").Single(), Is.EqualTo("0"));
        _clock.Now += TimeSpan.FromMinutes(1);
        Assert.That((await SendAsync(HttpMethod.Get, "/api.xro/2.0/TaxRates")).Answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Past_the_day_limit_calls_are_a_429_naming_the_day_until_the_oldest_call_is_a_day_old()
    {
        _organisation.DayLimit = 3;
        for (var i = 0; i < 3; i++) await SendAsync(HttpMethod.Get, "/api.xro/2.0/TaxRates");
        _clock.Now += TimeSpan.FromMinutes(20);

        var (answer, _) = await SendAsync(HttpMethod.Get, "/api.xro/2.0/TaxRates");

        Assert.That((int)answer.StatusCode, Is.EqualTo(429));
        Assert.That(answer.Headers.GetValues("X-Rate-Limit-Problem").Single(), Is.EqualTo("day"));
        Assert.That(answer.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(20)));
        Assert.That(answer.Headers.GetValues("X-DayLimit-Remaining").Single(), Is.EqualTo("0"));
    }

    [Test]
    public async Task A_replaced_refresh_token_still_works_for_30_minutes_then_is_an_invalid_grant()
    {
        async Task<(HttpStatusCode Status, string Body)> RefreshAsync(string refreshToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
            {
                Content = new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_host.Xero.OAuth.ClientId}:{_host.Xero.OAuth.ClientSecret}")));
            var answer = await _http.SendAsync(request);
            return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
        }

        var first = await RefreshAsync(_token.RefreshToken);
        _clock.Now += TimeSpan.FromMinutes(29);
        var retried = await RefreshAsync(_token.RefreshToken);
        _clock.Now += TimeSpan.FromMinutes(2);
        var late = await RefreshAsync(_token.RefreshToken);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body);
        Assert.That(JsonNode.Parse(first.Body)!["expires_in"]!.GetValue<int>(), Is.EqualTo(1800));
        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), "within the grace, after a lost answer");
        Assert.That(late.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(late.Body)!["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
    }
}

/// <summary>Xero's PKCE consent: a public client exchanges its code with client_id and code_verifier, no secret.</summary>
[NonParallelizable]
public sealed class XeroPkceSandboxTests
{
    [Test]
    public async Task A_PKCE_client_gets_tokens_with_its_code_verifier_and_a_wrong_verifier_is_an_invalid_grant()
    {
        await using var host = await SandboxHost.StartAsync();
        var oauth = host.Xero.OAuth;
        using var http = new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.XeroUrl + "/") };
        const string verifier = "a-verifier-of-at-least-43-characters-0123456789abcdef";
        var challenge = Convert.ToBase64String(
            System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        async Task<string> CodeAsync()
        {
            var redirect = Uri.EscapeDataString(OAuthServer.DefaultRedirectUri);
            var scope = Uri.EscapeDataString("offline_access accounting.transactions accounting.settings.read");
            var query = $"identity/connect/authorize?response_type=code&client_id={oauth.ClientId}&redirect_uri={redirect}"
                + $"&scope={scope}&state=s1&code_challenge={challenge}&code_challenge_method=S256";
            using var request = new HttpRequestMessage(HttpMethod.Get, query);
            request.Headers.Add("Cookie", $"{OAuthServer.LoginCookie}={XeroWorld.Account}");
            var answer = await http.SendAsync(request);
            var location = answer.Headers.Location!.ToString();
            return System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["code"]!;
        }

        async Task<(HttpStatusCode Status, string Body)> ExchangeAsync(string code, string codeVerifier)
        {
            var answer = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = OAuthServer.DefaultRedirectUri,
                ["client_id"] = oauth.ClientId, ["code_verifier"] = codeVerifier,
            }));
            return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
        }

        var granted = await ExchangeAsync(await CodeAsync(), verifier);
        var wrong = await ExchangeAsync(await CodeAsync(), verifier + "x");

        Assert.That(granted.Status, Is.EqualTo(HttpStatusCode.OK), granted.Body);
        Assert.That(JsonNode.Parse(granted.Body)!["refresh_token"], Is.Not.Null);
        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(wrong.Body)!["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
    }
}
