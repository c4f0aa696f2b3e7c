using System.Text;
using PosSync.Connectors.Fec;
using PosSync.Connectors.Recording;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

public class FecTests
{
    private TestWorld _world = null!;
    private FixedClock _clock = null!;
    private FecTarget _fec = null!;

    private static readonly ConnectorContext Context = new("c-brasserie", Guid.NewGuid(),
        new Dictionary<string, string> { ["siren"] = "123456789", ["journal_label"] = "Ventes caisse" });

    [SetUp]
    public async Task Start()
    {
        _world = await TestWorld.CreateAsync();
        _clock = new FixedClock(new DateTimeOffset(2025, 3, 16, 2, 0, 0, TimeSpan.Zero));
        _fec = new FecTarget(_world.Files, new RequestRecorder(_world.Requests, _clock), _clock);
    }

    [TearDown]
    public void Stop() => _world.Dispose();

    private static JournalEntry Entry(BookingScenario scenario) =>
        BookingEngine.Book(Domain.Configuration.ConsumerConfigurationReader.ReadJson(scenario.ConfigJson).Value!, scenario.Day).Entry!;

    private static BookingScenario Scenario(string id) => BookingScenarios.All().Single(s => s.Id == id);

    private string FilePath => Path.Combine(_world.Files.FecFolder, "c-brasserie", "123456789_VENTES_POS_20251231.txt");

    /// <summary>Where the previous version wrote the same fiscal year.</summary>
    private string LegacyPath => Path.Combine(_world.Files.FecFolder, "c-brasserie", "123456789FEC20251231.txt");

    /// <summary>Every file a test writes must pass every checkable FEC rule, whatever else the test looks at.</summary>
    private static void AssertPassesTheChecker(string path) =>
        Assert.That(FecChecker.Check(path), Is.Empty, $"{Path.GetFileName(path)} breaks FEC rules");

    [Test]
    public async Task Two_days_make_the_import_file_byte_for_byte()
    {
        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);
        _clock.Now = _clock.Now.AddDays(1);
        await _fec.PostAsync(Context, Entry(Scenario("S09 refund on a later day")), CancellationToken.None);

        var golden = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Golden", "123456789_VENTES_POS_20251231.txt"));
        Assert.That(await File.ReadAllBytesAsync(FilePath), Is.EqualTo(golden));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task The_file_has_the_18_columns_tab_separated_comma_decimals_and_ISO_8859_15_bytes()
    {
        var entry = Entry(Scenario("S01 basic"));
        await _fec.PostAsync(
            Context,
            entry with { Lines = [.. entry.Lines.Select(l => l with { Label = "Vente € café\tspécial", Name = null })] },
            CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(FilePath);
        var text = FecFile.Latin9.GetString(bytes);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0].Split('\t'), Is.EqualTo(FecFile.Columns));
        Assert.That(lines.Skip(1).Select(l => l.Split('\t').Length), Is.All.EqualTo(18));
        Assert.That(lines[1].Split('\t')[11..13], Is.EqualTo(new[] { "33,00", "0,00" }));
        Assert.That(bytes, Does.Contain((byte)0xA4), "€ is 0xA4 in ISO-8859-15");
        Assert.That(lines[1], Does.Contain("Vente € café spécial"), "a tab inside a label never splits a field");
    }

    [Test]
    public async Task Labels_are_French_with_no_internal_ids_and_POS_names_where_the_line_carries_them()
    {
        var entry = Entry(Scenario("S01 basic"));
        var named = entry with
        {
            Lines = [.. entry.Lines.Select(l => l.Label.StartsWith("Sales", StringComparison.Ordinal) ? l with { Name = "Plats" } : l)],
        };

        await _fec.PostAsync(Context, named, CancellationToken.None);

        var records = Records(FilePath);
        Assert.That(records.Select(r => r.EcritureLib), Is.EqualTo(new[] { "Règlements Card", "Règlements Cash", "Ventes Plats 10 %", "TVA 10 %" }));
        Assert.That(records.Select(r => r.EcritureLib), Has.None.Contain("Sales").And.None.Contain("VAT").And.None.Contain("cat-"));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task An_account_the_chart_does_not_name_takes_the_French_label_as_CompteLib()
    {
        var entry = Entry(Scenario("S01 basic"));
        await _fec.PostAsync(Context,
            entry with { Lines = [.. entry.Lines.Select(l => l.Label == "VAT 10%" ? l with { Account = "890000", Label = "Tips" } : l)] },
            CancellationToken.None);

        Assert.That(Records(FilePath).Single(r => r.CompteNum == "890000").CompteLib, Is.EqualTo("Pourboires"));
    }

    [Test]
    public async Task Without_a_journal_in_the_settings_the_entry_still_has_a_JournalCode()
    {
        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")) with { Journal = "" }, CancellationToken.None);

        Assert.That(Records(FilePath).Select(r => (r.JournalCode, r.JournalLib)).Distinct(), Is.EqualTo(new[] { ("CA", "Ventes caisse") }));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task A_day_posted_again_is_found_and_not_appended_twice()
    {
        var entry = Entry(Scenario("S01 basic"));
        var first = await _fec.PostAsync(Context, entry, CancellationToken.None);
        var again = await _fec.PostAsync(Context, entry, CancellationToken.None);

        Assert.That(again.Value, Is.EqualTo(first.Value! with { AlreadyExisted = true }));
        Assert.That(File.ReadAllLines(FilePath, FecFile.Latin9), Has.Length.EqualTo(1 + entry.Lines.Count));
    }

    [Test]
    public async Task A_replaced_day_is_reversed_then_the_new_entry_appended_with_continuous_numbers()
    {
        var entry = Entry(Scenario("S01 basic"));
        var first = await _fec.PostAsync(Context, entry, CancellationToken.None);

        await _fec.RemoveAsync(Context, first.Value!.AccountingId, CancellationToken.None);
        await _fec.PostAsync(Context, entry with { Number = entry.Number + "-R1" }, CancellationToken.None);

        var records = File.ReadAllLines(FilePath, FecFile.Latin9).Skip(1).Select(FecFile.Parse).ToList();
        Assert.That(records.Select(r => (r.EcritureNum, r.PieceRef)).Distinct(), Is.EqualTo(new[]
        {
            ("1", "POS-loc-1-20250314"), ("2", "POS-loc-1-20250314-ANNUL"), ("3", "POS-loc-1-20250314-R1"),
        }));
        var net = records.Where(r => r.EcritureNum != "3").GroupBy(r => r.CompteNum).Select(g => g.Sum(r => r.Debit - r.Credit));
        Assert.That(net, Is.All.EqualTo(0m), "the original and its reversal cancel out");
        Assert.That(
            records.GroupBy(r => r.EcritureNum).Select(g => g.Sum(r => r.Debit) - g.Sum(r => r.Credit)),
            Is.All.EqualTo(0m),
            "each entry balances");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Reversing_an_entry_twice_appends_one_reversal()
    {
        var first = await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);

        await _fec.RemoveAsync(Context, first.Value!.AccountingId, CancellationToken.None);
        var again = await _fec.RemoveAsync(Context, first.Value!.AccountingId, CancellationToken.None);

        Assert.That(again.Value, Is.True, again.Failure?.Message);
        var records = File.ReadAllLines(FilePath, FecFile.Latin9).Skip(1).Select(FecFile.Parse).ToList();
        Assert.That(records.Select(r => r.PieceRef).Distinct(), Is.EqualTo(new[] { "POS-loc-1-20250314", "POS-loc-1-20250314-ANNUL" }));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Each_fiscal_year_gets_its_own_file()
    {
        var context = Context with { Options = new Dictionary<string, string> { ["siren"] = "123456789", ["fiscal_year_end"] = "06-30" } };

        await _fec.PostAsync(context, Entry(Scenario("S01 basic")), CancellationToken.None);
        await _fec.PostAsync(
            context,
            Entry(Scenario("S01 basic")) with { Date = new DateOnly(2025, 7, 1), Number = "POS-loc-1-20250701" },
            CancellationToken.None);

        Assert.That(Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "*.txt").Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "123456789_VENTES_POS_20250630.txt", "123456789_VENTES_POS_20260630.txt",
        }));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "*.txt")) AssertPassesTheChecker(file);
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private List<FecLine> Records(string path) => File.ReadAllLines(path, FecFile.Latin9).Skip(1).Select(FecFile.Parse).ToList();

    [Test]
    public async Task ValidDate_is_the_day_of_writing_in_the_locations_time_zone_not_UTC()
    {
        _clock.Now = new DateTimeOffset(2025, 3, 15, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 16th in Paris

        await _fec.PostAsync(Context with { TimeZone = Paris }, Entry(Scenario("S01 basic")), CancellationToken.None);

        Assert.That(Records(FilePath).Select(r => r.ValidDate).Distinct(), Is.EqualTo(new[] { new DateOnly(2025, 3, 16) }));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Without_a_location_zone_ValidDate_is_the_Paris_day()
    {
        _clock.Now = new DateTimeOffset(2025, 3, 15, 23, 30, 0, TimeSpan.Zero);

        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);

        Assert.That(Records(FilePath).Select(r => r.ValidDate).Distinct(), Is.EqualTo(new[] { new DateOnly(2025, 3, 16) }));
    }

    [Test]
    public async Task ValidDate_never_goes_back_in_file_order_when_locations_live_in_different_zones()
    {
        var reunion = TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion");
        var entry = Entry(Scenario("S01 basic"));
        _clock.Now = new DateTimeOffset(2025, 3, 15, 21, 0, 0, TimeSpan.Zero); // already the 16th in Réunion, still the 15th in Paris

        await _fec.PostAsync(Context with { TimeZone = reunion }, entry, CancellationToken.None);
        _clock.Now = _clock.Now.AddMinutes(30);
        await _fec.PostAsync(Context with { TimeZone = Paris }, entry with { Number = "POS-loc-2-20250314" }, CancellationToken.None);

        Assert.That(Records(FilePath).Select(r => r.ValidDate).Distinct(), Is.EqualTo(new[] { new DateOnly(2025, 3, 16) }),
            "the Paris entry written after the Réunion one is validated no earlier");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task A_day_synced_after_the_closing_date_goes_into_the_file_of_its_own_fiscal_year()
    {
        _clock.Now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var entry = Entry(Scenario("S01 basic"));

        await _fec.PostAsync(
            Context with { TimeZone = Paris },
            entry with { Date = new DateOnly(2025, 12, 31), Number = "POS-loc-1-20251231" },
            CancellationToken.None);
        await _fec.PostAsync(
            Context with { TimeZone = Paris },
            entry with { Date = new DateOnly(2026, 1, 2), Number = "POS-loc-1-20260102" },
            CancellationToken.None);

        var late = Records(FilePath);
        Assert.That(late.Select(r => (r.EcritureDate, r.ValidDate, r.EcritureNum)).Distinct(),
            Is.EqualTo(new[] { (new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 5), "1") }),
            "the late day stays in 2025's file, validated the day it was written");
        var next = Path.Combine(Path.GetDirectoryName(FilePath)!, "123456789_VENTES_POS_20261231.txt");
        Assert.That(Records(next).Select(r => r.EcritureNum).Distinct(), Is.EqualTo(new[] { "1" }), "each fiscal year's file numbers from 1");
        AssertPassesTheChecker(FilePath);
        AssertPassesTheChecker(next);
    }

    [Test]
    public async Task A_reversal_is_validated_when_written_even_in_the_next_fiscal_year()
    {
        var posted = await _fec.PostAsync(Context with { TimeZone = Paris }, Entry(Scenario("S01 basic")), CancellationToken.None);
        _clock.Now = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

        await _fec.RemoveAsync(Context with { TimeZone = Paris }, posted.Value!.AccountingId, CancellationToken.None);

        var reversal = Records(FilePath).Where(r => r.PieceRef.EndsWith("-ANNUL", StringComparison.Ordinal)).ToList();
        Assert.That(
            reversal.Select(r => (r.EcritureDate, r.ValidDate)).Distinct(),
            Is.EqualTo(new[] { (new DateOnly(2025, 3, 14), new DateOnly(2026, 2, 1)) }));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Concurrent_days_are_all_written_once()
    {
        var days = Enumerable.Range(0, 20).Select(i => Entry(Scenario("S01 basic")) with
        {
            Number = $"POS-loc-1-202503{i + 1:00}", Date = new DateOnly(2025, 3, i + 1),
        }).ToList();

        await Task.WhenAll(days.Select(d => Task.Run(() => _fec.PostAsync(Context, d, CancellationToken.None))));

        var records = File.ReadAllLines(FilePath, FecFile.Latin9).Skip(1).Select(FecFile.Parse).ToList();
        Assert.That(records.Select(r => r.PieceRef).Distinct().Count(), Is.EqualTo(20));
        Assert.That(records.Select(r => int.Parse(r.EcritureNum)).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, 20)));
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task The_file_is_named_as_the_POS_sales_import_and_never_as_the_legal_FEC()
    {
        var posted = await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);

        var names = Directory.GetFiles(Path.GetDirectoryName(FilePath)!).Select(Path.GetFileName).ToList();
        Assert.That(names, Is.EqualTo(new[] { "123456789_VENTES_POS_20251231.txt" }));
        Assert.That(names, Has.None.Match(@"^\d{9}FEC\d{8}"), "the legal FEC's name pattern (A47 IX) is not ours to use");
        Assert.That(posted.Value!.AccountingId, Is.EqualTo("fec:123456789_VENTES_POS_20251231.txt#1"));
    }

    [Test]
    public async Task A_fiscal_year_under_the_old_name_is_renamed_once_and_continued_with_nothing_lost()
    {
        var first = Entry(Scenario("S01 basic"));
        await _fec.PostAsync(Context, first, CancellationToken.None);
        File.Move(FilePath, LegacyPath); // the data folder as the previous version left it
        var before = await File.ReadAllBytesAsync(LegacyPath);

        var again = await _fec.PostAsync(Context, first, CancellationToken.None);
        var next = await _fec.PostAsync(Context, Entry(Scenario("S09 refund on a later day")), CancellationToken.None);

        Assert.That(File.Exists(LegacyPath), Is.False, "one file per fiscal year, under the new name");
        var after = await File.ReadAllBytesAsync(FilePath);
        Assert.That(after[..before.Length], Is.EqualTo(before), "what was booked under the old name is kept byte for byte");
        Assert.That(again.Value!.AlreadyExisted, Is.True, "a day booked under the old name is still recognised");
        Assert.That(next.Value!.AccountingId, Is.EqualTo("fec:123456789_VENTES_POS_20251231.txt#2"), "numbering continues");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task An_entry_booked_under_the_old_name_can_still_be_reversed()
    {
        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);
        File.Move(FilePath, LegacyPath);

        var removed = await _fec.RemoveAsync(Context, "fec:123456789FEC20251231.txt#1", CancellationToken.None);

        Assert.That(removed.Value, Is.True, removed.Failure?.Message);
        Assert.That(Records(FilePath).Select(r => r.PieceRef).Distinct(), Is.EqualTo(new[] { "POS-loc-1-20250314", "POS-loc-1-20250314-ANNUL" }));
        Assert.That(File.Exists(LegacyPath), Is.False);
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Both_names_for_one_fiscal_year_stop_the_day_and_touch_neither_file()
    {
        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);
        File.Copy(FilePath, LegacyPath);
        var current = await File.ReadAllBytesAsync(FilePath);

        var posted = await _fec.PostAsync(Context, Entry(Scenario("S09 refund on a later day")), CancellationToken.None);

        Assert.That(posted.Failure!.Message, Does.Contain("123456789FEC20251231.txt").And.Contain("123456789_VENTES_POS_20251231.txt"));
        Assert.That(await File.ReadAllBytesAsync(FilePath), Is.EqualTo(current));
        Assert.That(await File.ReadAllBytesAsync(LegacyPath), Is.EqualTo(current));
    }

    [Test]
    public async Task Without_a_rates_file_a_day_not_in_euros_is_refused_naming_the_option_to_set_and_nothing_is_written()
    {
        var euros = Entry(Scenario("S01 basic"));
        await _fec.PostAsync(Context, euros, CancellationToken.None);
        var before = await File.ReadAllBytesAsync(FilePath);

        var dollars = await _fec.PostAsync(
            Context,
            euros with { Number = "POS-loc-1-20250315", Date = new DateOnly(2025, 3, 15), Currency = "USD" },
            CancellationToken.None);

        Assert.That(dollars.Failure!.Message, Does.Contain("settings.currency").And.Contain("USD").And.Contain("accounting.options.eur_rates"));
        Assert.That(dollars.Failure.Kind, Is.EqualTo(FailureKind.Rejected));
        Assert.That(await File.ReadAllBytesAsync(FilePath), Is.EqualTo(before), "no dollar amount is ever written as euros");
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Euro_lines_leave_Montantdevise_and_Idevise_empty()
    {
        await _fec.PostAsync(Context, Entry(Scenario("S01 basic")), CancellationToken.None);

        var fields = File.ReadAllLines(FilePath, FecFile.Latin9).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.That(fields.Select(f => f[16] + f[17]), Is.All.Empty);
        AssertPassesTheChecker(FilePath);
    }

    [Test]
    public async Task Without_a_SIREN_the_day_is_rejected_with_what_to_set()
    {
        var posted = await _fec.PostAsync(Context with { Options = null }, Entry(Scenario("S01 basic")), CancellationToken.None);

        Assert.That(posted.Failure!.Message, Does.Contain("accounting.options.siren"));
    }
}
