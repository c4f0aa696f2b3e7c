using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Demo;
using PosSync.Connectors.Square;
using PosSync.Connectors.Xero;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Days;
using PosSync.Sandbox.Xero;
using PosSync.Storage;
using PosSync.Storage.Stores;
using PosSync.Testing.OpenApi;

namespace PosSync.Cli.Tests;

/// <summary>
/// The demo's fourth client, The Soho Arms (Square → Xero in pounds), run in-process with the demo's own
/// Square and Xero HTTP clients going through the contract check: its week is booked in Xero as PosSync's
/// entries say, to the penny, and every call it makes, and every answer, keeps to the vendors' OpenAPI files.
/// </summary>
public class DemoSquareXeroTests
{
    private const string Pub = DemoWeek.Pub;
    private string _folder = null!;
    private DemoReport _report = null!;
    private ContractCheckingHandler _square = null!;
    private ContractCheckingHandler _xero = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoThroughTheContractCheck()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-demo-pub-" + Guid.NewGuid().ToString("N"));
        _square = new ContractCheckingHandler(new ContractValidator(VendorSpecs.Square, mountPath: "/square"));
        _xero = new ContractCheckingHandler(new ContractValidator(VendorSpecs.Xero, mountPath: "/xero"));
        var output = new StringWriter();
        _report = await DemoRun.ExecuteAsync(new DemoSettings(_folder), output, CancellationToken.None, services =>
        {
            services.AddHttpClient(SquareConnector.ConnectorName).ConfigurePrimaryHttpMessageHandler(() => _square)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHttpClient(XeroTarget.ConnectorName).ConfigurePrimaryHttpMessageHandler(() => _xero)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        });
        Assert.That(_report.ExitCode, Is.Zero, output.ToString());
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _square.Dispose();
        _xero.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static JournalEntry Entry(ServiceDay day) =>
        BookingEngine.Book(DemoWeek.Clients().Single(c => c.Config.ConsumerId == Pub).Config, day).Entry
        ?? throw new AssertionException($"{day.BusinessDate} books no entry");

    private static Dictionary<string, decimal> Sums<T>(IEnumerable<T> lines, Func<T, string> key, Func<T, decimal> amount) =>
        lines.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(amount));

    [Test]
    public async Task The_pubs_week_is_booked_in_Xero_one_journal_a_day_agreeing_to_the_penny_with_PosSyncs_entries_in_pounds()
    {
        var days = _report.Executions.Where(e => e.ConsumerId == Pub).OrderBy(e => e.BusinessDate).ToList();
        Assert.That(days.Select(d => (d.BusinessDate, d.Status)), Is.EqualTo(DemoWeek.Week.Select(d => (d, ExecutionStatus.Success))),
            string.Join(Environment.NewLine, days.Select(d => $"{d.BusinessDate} {d.Status} {d.ErrorCode} {d.ErrorMessage}")));
        Assert.That(_report.XeroJournals, Has.Count.EqualTo(7));
        Assert.That(_report.XeroJournals.Select(j => j.Status), Is.All.EqualTo("POSTED"));

        var database = Database.SqliteFile(_folder);
        var ledger = new DayLedger(database, TimeProvider.System);
        var archive = new DayArchive(database, TimeProvider.System);
        foreach (var date in DemoWeek.Week)
        {
            var key = new DayKey(Pub, DemoSquare.Soho.Id, date);
            var booked = (await ledger.GetAsync(key, CancellationToken.None))!;
            var journal = _report.XeroJournals.Single(j => j.Id.ToString() == booked.AccountingId);
            var entry = Entry(ServiceDayReader.ReadArchived((await archive.DayAsync(key, CancellationToken.None))!).Value!);

            Assert.That((journal.Date, journal.Narration, entry.Currency),
                Is.EqualTo((date, $"POS takings {entry.Number} ({date:yyyy-MM-dd})", "GBP")));
            // Xero keeps the net on each account and derives the VAT itself: both must be PosSync's, penny for penny.
            var vatLines = entry.Lines.Where(l => l.Account == "820").ToList();
            Assert.That(Sums(journal.Lines, l => l.AccountCode, l => l.LineAmount - l.TaxAmount),
                Is.EquivalentTo(Sums(entry.Lines.Except(vatLines), l => l.Account, l => l.Debit - l.Credit)), $"{date} net per account");
            Assert.That(Sums(journal.Lines.Where(l => l.TaxAmount != 0), l => l.TaxType, l => l.TaxAmount),
                Is.EquivalentTo(Sums(vatLines, l => l.VatCode!, l => l.Debit - l.Credit)), $"{date} VAT per tax type");
            Assert.That(journal.Lines.Where(l => l.AccountCode == "203").Select(l => (l.TaxType, l.TaxAmount)),
                Is.All.EqualTo(("ZERORATEDOUTPUT", 0m)), "cold food to take away is zero-rated");
        }
    }

    [Test]
    public void Xeros_books_hold_the_weeks_card_cash_gift_card_and_tips_as_the_pubs_Square_orders_say()
    {
        var orders = DemoPubOrders.Week().Select(o => o.Build()).ToList();
        static long Pence(JsonNode? money) => money?["amount"]?.GetValue<long>() ?? 0;
        var tenders = orders.SelectMany(o => o["tenders"]?.AsArray() ?? []).ToList();
        long Tendered(string type) => tenders.Where(t => (string?)t!["type"] == type).Sum(t => Pence(t!["amount_money"]));
        var refunded = orders.SelectMany(o => o["refunds"]?.AsArray() ?? []).Sum(r => Pence(r!["amount_money"]));
        var tips = tenders.Sum(t => Pence(t!["tip_money"]));
        var booked = Sums(_report.XeroJournals.SelectMany(j => j.Lines), l => l.AccountCode, l => l.LineAmount);

        Assert.That(orders.SelectMany(o => new[] { o["total_money"]!["currency"]!.GetValue<string>() }).Distinct(), Is.EqualTo(new[] { "GBP" }));
        Assert.That(refunded, Is.GreaterThan(0), "Wednesday's meal sent back is refunded on Thursday");
        Assert.That(tips, Is.GreaterThan(0));
        Assert.That((booked["611"], booked["612"], booked["835"], booked["825"]),
            Is.EqualTo(((Tendered("CARD") - refunded) / 100m, Tendered("CASH") / 100m, Tendered("SQUARE_GIFT_CARD") / 100m, -tips / 100m)),
            "card clearing (tips in, the refund out), cash clearing, gift cards spent, tips owed to staff");
    }

    [Test]
    public void Every_call_of_the_pubs_Square_connection_and_every_answer_keep_to_Squares_OpenAPI_file()
    {
        _square.AssertAllKeptToTheContract();
        var operations = _square.Exchanges.Select(e => _square.Validator.FindOperation(e.Method, e.Url)?.ToString() ?? e.Url).Distinct().ToList();
        Assert.That(operations, Has.Count.EqualTo(5),
            "ObtainToken, ListLocations, SearchCatalogObjects, SearchOrders, BatchRetrieveOrders: " + string.Join(", ", operations));
        Assert.That(_square.Exchanges.Select(e => e.StatusCode), Is.All.EqualTo(200));
    }

    /// <summary>
    /// The identity calls (the token, GET /connections) are not in xero-accounting.yaml, and shared/specs holds no
    /// identity file: they are listed; every other call is checked.
    /// </summary>
    [Test]
    public void Every_call_of_the_pubs_Xero_connection_to_the_Accounting_API_and_every_answer_keep_to_Xeros_OpenAPI_file()
    {
        var exchanges = _xero.Exchanges;
        var accounting = exchanges.Where(e => e.Url.Contains(XeroSandbox.Api, StringComparison.Ordinal)).ToList();
        var identity = exchanges.Except(accounting).Select(e => (e.Method, new Uri(e.Url).AbsolutePath, e.StatusCode)).Distinct().ToList();

        Assert.That(identity, Is.EquivalentTo(new[] { ("POST", "/xero/connect/token", (int?)200), ("GET", "/xero/connections", (int?)200) }));
        Assert.That(accounting.Where(e => e.Violations.Any()), Is.Empty, string.Join(Environment.NewLine, accounting.Where(e => e.Violations.Any())));
        var operations = accounting.Select(e => _xero.Validator.FindOperation(e.Method, e.Url)?.ToString() ?? e.Url).Distinct().ToList();
        Assert.That(operations, Has.Count.EqualTo(4), "GET /Accounts, GET /TaxRates, GET /ManualJournals (the look-up), PUT /ManualJournals: "
            + string.Join(", ", operations));
        Assert.That(accounting.Count(e => e.Method == "PUT"), Is.EqualTo(7), "one journal a day, none sent twice");
    }
}
