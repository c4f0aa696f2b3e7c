using PosSync.Connectors.Fec;
using PosSync.Connectors.Recording;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// A day in another currency (issue finding 15): Debit/Credit in euros at the ECB rate of the day from
/// the accountant's file, the day's own amounts in Montantdevise and its code in Idevise.
/// </summary>
public class FecCurrencyTests
{
    private TestWorld _world = null!;
    private FixedClock _clock = null!;
    private FecTarget _fec = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await TestWorld.CreateAsync();
        _clock = new FixedClock(new DateTimeOffset(2025, 3, 16, 2, 0, 0, TimeSpan.Zero));
        _fec = new FecTarget(_world.Files, new RequestRecorder(_world.Requests, _clock), _clock);
    }

    [TearDown]
    public void Stop() => _world.Dispose();

    private string RatesPath => Path.Combine(Path.GetDirectoryName(_world.Files.FecFolder)!, "eurofxref-hist.csv");

    private string FilePath => Path.Combine(_world.Files.FecFolder, "c-brasserie", "123456789_VENTES_POS_20251231.txt");

    private ConnectorContext Context => new("c-brasserie", Guid.NewGuid(),
        new Dictionary<string, string> { ["siren"] = "123456789", ["eur_rates"] = RatesPath });

    /// <summary>The ECB's layout: newest day first, a comma ending every line, N/A for a currency without a rate.</summary>
    private void Rates(params string[] days) =>
        File.WriteAllText(RatesPath, string.Concat(new[] { "Date,USD,JPY,CYP," }.Concat(days).Select(l => l + "\n")));

    /// <summary>S01 basic (33,00 card + 22,00 cash = 50,00 sales + 5,00 VAT) on 2025-03-14, a Friday, in dollars.</summary>
    private static JournalEntry Dollars(DateOnly? date = null)
    {
        var scenario = BookingScenarios.All().Single(s => s.Id == "S01 basic");
        var entry = BookingEngine.Book(Domain.Configuration.ConsumerConfigurationReader.ReadJson(scenario.ConfigJson).Value!, scenario.Day).Entry!;
        return date is { } d ? entry with { Currency = "USD", Date = d, Number = $"POS-loc-1-{d:yyyyMMdd}" } : entry with { Currency = "USD" };
    }

    private List<FecLine> Records() => File.ReadAllLines(FilePath, FecFile.Latin9).Skip(1).Select(FecFile.Parse).ToList();

    private static void AssertPassesTheChecker(string path) =>
        Assert.That(FecChecker.Check(path), Is.Empty, $"{Path.GetFileName(path)} breaks FEC rules");

    [Test]
    public async Task A_dollar_day_is_written_in_euros_at_the_rate_of_its_date_with_the_dollars_in_Montantdevise()
    {
        Rates("2025-03-14,1.0850,161.53,N/A,", "2025-03-13,1.0900,160.90,N/A,");

        var posted = await _fec.PostAsync(Context, Dollars(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        var records = Records();
        // 33 / 1.085 = 30.414, 22 / 1.085 = 20.276, 50 / 1.085 = 46.083, 5 / 1.085 = 4.608
        Assert.That(records.Select(r => (r.CompteNum, r.Debit, r.Credit, r.Montantdevise, r.Idevise)), Is.EqualTo(new[]
        {
            ("511200", 30.41m, 0m, (decimal?)33.00m, "USD"), ("530000", 20.28m, 0m, 22.00m, "USD"),
            ("706100", 0m, 46.08m, 50.00m, "USD"), ("445712", 0m, 4.61m, 5.00m, "USD"),
        }));
        Assert.That(records.Sum(r => r.Debit), Is.EqualTo(records.Sum(r => r.Credit)), "balanced in euros");
        var fields = File.ReadAllLines(FilePath, FecFile.Latin9)[1].Split('\t');
        Assert.That(fields[11..13].Concat(fields[16..18]), Is.EqualTo(new[] { "30,41", "0,00", "33,00", "USD" }), "comma decimals like every amount");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task A_Saturday_takes_Fridays_rate()
    {
        Rates("2025-03-14,1.0850,161.53,N/A,", "2025-03-13,1.0900,160.90,N/A,");

        var posted = await _fec.PostAsync(Context, Dollars(new DateOnly(2025, 3, 15)), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(Records().Select(r => r.Debit + r.Credit), Is.EqualTo(new[] { 30.41m, 20.28m, 46.08m, 4.61m }), "Friday's 1.0850");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task A_holiday_the_file_has_passed_takes_the_last_rate_before_it()
    {
        // Good Friday and Easter Monday 2025 are TARGET closing days: no line for them.
        Rates("2025-04-22,1.1500,163.00,N/A,", "2025-04-17,1.0850,161.53,N/A,");

        var posted = await _fec.PostAsync(Context, Dollars(new DateOnly(2025, 4, 18)), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(Records().Select(r => r.Debit + r.Credit), Is.EqualTo(new[] { 30.41m, 20.28m, 46.08m, 4.61m }), "Thursday's 1.0850");
    }

    [Test]
    public async Task A_day_10_days_after_the_last_rate_is_refused_naming_the_date_and_the_currency()
    {
        Rates("2025-03-04,1.0850,161.53,N/A,");

        var posted = await _fec.PostAsync(Context, Dollars(), CancellationToken.None);

        Assert.That(posted.Failure!.Kind, Is.EqualTo(FailureKind.Rejected));
        Assert.That(posted.Failure.Message, Does.Contain("2025-03-14").And.Contain("USD").And.Contain(RatesPath).And.Contain("2025-03-04"));
        Assert.That(posted.Failure.Message, Does.Not.Contain("\n"));
        Assert.That(File.Exists(FilePath), Is.False, "nothing is written");
    }

    [Test]
    public async Task A_weekday_past_the_end_of_the_file_waits_for_its_own_rate()
    {
        Rates("2025-03-14,1.0850,161.53,N/A,");

        var monday = await _fec.PostAsync(Context, Dollars(new DateOnly(2025, 3, 17)), CancellationToken.None);

        Assert.That(monday.Failure!.Message, Does.Contain("ends on 2025-03-14").And.Contain("2025-03-17").And.Contain("USD"));
        Assert.That(File.Exists(FilePath), Is.False);
    }

    [Test]
    public async Task A_currency_without_a_rate_that_day_is_refused()
    {
        Rates("2025-03-14,1.0850,161.53,N/A,");

        var cypriot = await _fec.PostAsync(Context, Dollars() with { Currency = "CYP" }, CancellationToken.None);
        var swiss = await _fec.PostAsync(Context, Dollars() with { Currency = "CHF" }, CancellationToken.None);

        Assert.That(cypriot.Failure!.Message, Does.Contain("no CYP rate for 2025-03-14"));
        Assert.That(swiss.Failure!.Message, Does.Contain("no CHF column"));
        Assert.That(File.Exists(FilePath), Is.False);
    }

    [Test]
    public async Task Rounding_cents_go_on_the_largest_line_of_the_lighter_side_so_the_entry_balances()
    {
        Rates("2025-03-14,3.0000,161.53,N/A,");
        var entry = Dollars() with
        {
            Lines =
            [
                new JournalLine("511200", 1.00m, 0m, null, "Card"), new JournalLine("530000", 10.00m, 0m, null, "Cash"),
                new JournalLine("511300", 1.00m, 0m, null, "Voucher"), new JournalLine("706100", 0m, 12.00m, null, "Sales cat-1 10%"),
            ],
        };

        await _fec.PostAsync(Context, entry, CancellationToken.None);

        // 1/3, 10/3 and 1/3 round to 0,33 + 3,33 + 0,33 = 3,99 against 12/3 = 4,00: the cent goes on the 10 dollars.
        Assert.That(Records().Select(r => (r.CompteNum, r.Debit, r.Credit, r.Montantdevise)), Is.EqualTo(new[]
        {
            ("511200", 0.33m, 0m, (decimal?)1.00m), ("530000", 3.34m, 0m, 10.00m), ("511300", 0.33m, 0m, 1.00m), ("706100", 0m, 4.00m, 12.00m),
        }), "Montantdevise keeps the exact dollars");
        AssertPassesTheChecker(FilePath);
    }

    public static IEnumerable<TestCaseData> BrokenRateFiles()
    {
        yield return new TestCaseData("Date,USD,\n2025-03-14,\"1,0850\",\n", "line 2").SetName(
            "A_rates_file_with_decimal_commas_is_refused_in_one_line");
        yield return new TestCaseData("Datum;USD;\n2025-03-14;1.0850;\n", "line 1").SetName(
            "A_rates_file_with_another_header_is_refused_in_one_line");
        yield return new TestCaseData("Date,USD,\n14/03/2025,1.0850,\n", "line 2").SetName("A_rates_file_with_other_dates_is_refused_in_one_line");
        yield return new TestCaseData(
            "Date,USD,\n2025-03-14,1.0850,\n2025-03-14,1.0851,\n",
            "listed twice").SetName("A_rates_file_with_a_day_twice_is_refused_in_one_line");
        yield return new TestCaseData(null, "does not exist").SetName("A_missing_rates_file_is_refused_in_one_line");
    }

    [TestCaseSource(nameof(BrokenRateFiles))]
    public async Task A_broken_rates_file_refuses_the_day_naming_the_file_and_what_is_wrong(string? content, string what)
    {
        if (content is not null) File.WriteAllText(RatesPath, content);

        var posted = await _fec.PostAsync(Context, Dollars(), CancellationToken.None);

        Assert.That(posted.Failure!.Kind, Is.EqualTo(FailureKind.Rejected));
        Assert.That(posted.Failure.Message, Does.Contain(RatesPath).And.Contain("accounting.options.eur_rates").And.Contain(what));
        Assert.That(posted.Failure.Message.Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(File.Exists(FilePath), Is.False, "nothing is written");
    }

    [Test]
    public async Task The_reversal_of_a_converted_entry_mirrors_it_exactly()
    {
        Rates("2025-03-14,3.0000,161.53,N/A,");
        var entry = Dollars() with
        {
            Lines = [
                new JournalLine("530000", 10.00m, 0m, null, "Cash"),
                new JournalLine("706100", 0m, 9.00m, null, "Sales cat-1 10%"),
                new JournalLine("445712", 0m, 1.00m, null, "VAT 10%")],
        };
        var posted = await _fec.PostAsync(Context, entry, CancellationToken.None);
        Rates("2025-03-14,2.5000,161.53,N/A,"); // a rate corrected since: the reversal still undoes exactly what was booked

        var removed = await _fec.RemoveAsync(Context, posted.Value!.AccountingId, CancellationToken.None);

        Assert.That(removed.Value, Is.True, removed.Failure?.Message);
        var records = Records();
        var original = records.Where(r => r.EcritureNum == "1").ToList();
        var reversal = records.Where(r => r.EcritureNum == "2").ToList();
        Assert.That(reversal.Select(r => (r.CompteNum, r.Debit, r.Credit, r.Montantdevise, r.Idevise)),
            Is.EqualTo(original.Select(r => (r.CompteNum, r.Credit, r.Debit, r.Montantdevise, r.Idevise))),
            "the same euros and dollars, sides swapped");
        Assert.That(records.GroupBy(r => r.CompteNum).Select(g => g.Sum(r => r.Debit - r.Credit)), Is.All.EqualTo(0m), "they cancel out in euros");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task A_converted_day_posted_again_is_recognised_even_after_the_rates_changed()
    {
        Rates("2025-03-14,1.0850,161.53,N/A,");
        var first = await _fec.PostAsync(Context, Dollars(), CancellationToken.None);
        File.Delete(RatesPath);

        var again = await _fec.PostAsync(Context, Dollars(), CancellationToken.None);

        Assert.That(again.Value, Is.EqualTo(first.Value! with { AlreadyExisted = true }), again.Failure?.Message);
        Assert.That(Records(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task A_euro_day_needs_no_rates_file_and_leaves_the_currency_columns_empty()
    {
        var posted = await _fec.PostAsync(Context, Dollars() with { Currency = "EUR" }, CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(Records().Select(r => (r.Debit + r.Credit, r.Montantdevise, r.Idevise)), Is.EqualTo(new[]
        {
            (33.00m, (decimal?)null, (string?)null), (22.00m, null, null), (50.00m, null, null), (5.00m, null, null),
        }));
    }
}
