using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The Pennylane sandbox answers as docs/vendors/pennylane.md says Pennylane does, refusals included,
/// so a connector that strays from the published contract fails against it.
/// </summary>
public class PennylaneSandboxContractTests
{
    private static async Task<(VendorWorld Vendors, HttpClient Client)> StartAsync()
    {
        var vendors = await VendorWorld.StartAsync();
        var token = vendors.Sandbox.Pennylane.OAuth.IssueFor(
            VendorWorld.Account,
            "journals:readonly",
            "ledger_accounts:readonly",
            "ledger_entries:all");
        var client = new HttpClient { BaseAddress = new Uri(vendors.Sandbox.PennylaneUrl.TrimEnd('/') + "/api/external/v2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return (vendors, client);
    }

    private static string Filter(string field, string @operator, string value) =>
        Uri.EscapeDataString(JsonSerializer.Serialize(new[] { new { field, @operator, value } }));

    private static async Task AssertDocumentedError(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(
            body.RootElement.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "error", "message", "details" }),
            "ERR: {error, message, details}");
        Assert.That(body.RootElement.GetProperty("message").GetString(), Does.Contain(message));
        Assert.That(body.RootElement.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [TestCase("journals", "code", "eq", "CA", TestName = "Journals have no documented filter: filtering on code is a 400")]
    [TestCase("ledger_accounts", "enabled", "eq", "true", TestName = "Ledger accounts: enabled is not a documented filter field")]
    [TestCase("ledger_accounts", "number", "in", "511200", TestName = "Ledger accounts: number takes start_with and eq only")]
    [TestCase("ledger_entries", "id", "eq", "1", TestName = "Ledger entries: id is not a documented filter field")]
    [TestCase("ledger_entries", "piece_number", "eq", "POS-1", TestName = "Ledger entries: piece_number is not a documented filter field")]
    [TestCase("ledger_entries", "date", "in", "2025-03-14", TestName = "Ledger entries: date takes no in operator")]
    public async Task An_undocumented_filter_is_refused_with_a_400_in_the_documented_error_shape(
        string list,
        string field,
        string @operator,
        string value)
    {
        var (vendors, client) = await StartAsync();
        await using var _ = vendors;
        using var __ = client;

        var response = await client.GetAsync($"{list}?filter={Filter(field, @operator, value)}");

        await AssertDocumentedError(response, HttpStatusCode.BadRequest, "not allowed");
    }

    [TestCase("ledger_accounts", "number", "eq", "511200", 1)]
    [TestCase("ledger_accounts", "number", "start_with", "4457", 3)]
    [TestCase("ledger_accounts", "id", "gt", "0", 18)]
    [TestCase("ledger_entries", "date", "gt", "2025-01-01", 0)]
    [TestCase("ledger_entries", "created_at", "lteq", "2099-01-01T00:00:00Z", 0)]
    public async Task A_documented_filter_is_served(string list, string field, string @operator, string value, int count)
    {
        var (vendors, client) = await StartAsync();
        await using var _ = vendors;
        using var __ = client;

        var response = await client.GetAsync($"{list}?limit=100&filter={Filter(field, @operator, value)}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("items").GetArrayLength(), Is.EqualTo(count));
    }

    [Test]
    public async Task A_ledger_entry_is_retrieved_by_id_and_an_unknown_id_is_a_404_in_the_documented_error_shape()
    {
        var (vendors, client) = await StartAsync();
        await using var _ = vendors;
        using var __ = client;
        var created = await client.PostAsJsonAsync("ledger_entries", Entry(vendors, "2025-03-14", lines: 2));
        using var entry = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = entry.RootElement.GetProperty("id").GetInt64();

        var found = await client.GetAsync($"ledger_entries/{id}");
        var missing = await client.GetAsync("ledger_entries/999999");

        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("ledger_entry_lines").GetArrayLength(), Is.EqualTo(2));
        await AssertDocumentedError(missing, HttpStatusCode.NotFound, "Couldn't find LedgerEntry");
    }

    [Test]
    public async Task An_entry_of_more_than_100_lines_is_refused()
    {
        var (vendors, client) = await StartAsync();
        await using var _ = vendors;
        using var __ = client;

        var at100 = await client.PostAsJsonAsync("ledger_entries", Entry(vendors, "2025-03-14", lines: 100));
        var at101 = await client.PostAsJsonAsync("ledger_entries", Entry(vendors, "2025-03-15", lines: 101));

        Assert.That(at100.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertDocumentedError(at101, HttpStatusCode.UnprocessableEntity, "at most 100 entry lines");
        Assert.That(vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_entry_dated_in_a_closed_period_is_refused_and_one_after_it_is_taken()
    {
        var (vendors, client) = await StartAsync();
        await using var _ = vendors;
        using var __ = client;
        vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));

        var inside = await client.PostAsJsonAsync("ledger_entries", Entry(vendors, "2025-03-31", lines: 2));
        var after = await client.PostAsJsonAsync("ledger_entries", Entry(vendors, "2025-04-01", lines: 2));

        await AssertDocumentedError(inside, HttpStatusCode.UnprocessableEntity, "The fiscal period is closed");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    /// <summary>A balanced entry: lines-1 debits of 1.00 on 511200, one credit of the total on 706100.</summary>
    private static object Entry(VendorWorld vendors, string date, int lines)
    {
        var accounts = vendors.Sandbox.Pennylane.AccountIds(VendorWorld.Account);
        var journal = vendors.Sandbox.Pennylane.JournalIds(VendorWorld.Account).Single();
        var debits = Enumerable.Range(0, lines - 1).Select(
            _ => new { debit = "1.00", credit = "0.00", ledger_account_id = accounts["511200"], label = "Caisse" });
        var credit = new { debit = "0.00", credit = $"{lines - 1}.00", ledger_account_id = accounts["706100"], label = "Ventes" };
        return new
        {
            date,
            label = "Ventes",
            journal_id = journal,
            currency = "EUR",
            piece_number = $"T-{date}",
            ledger_entry_lines = debits.Append(credit).ToArray()
        };
    }
}
