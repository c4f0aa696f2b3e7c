using PosSync.Connectors.Square;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Sandbox.Pennylane;
using PosSync.Sandbox.Square;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// A Square pub booked into Pennylane by the three stages (MassTransit harness) over real HTTP on
/// loopback: what the pipeline books is what booking-rules.md makes of the day Square answered.
/// </summary>
[CancelAfter(120_000)]
public class SquareScenarioTests
{
    private const string Consumer = SquareConfiguration.Consumer;
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private VendorWorld _vendors = null!;
    private PipelineHarness _h = null!;
    private ShiftedClock _clock = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new ShiftedClock();
        _vendors = await VendorWorld.StartAsync(_clock);
        _h = await PipelineHarness.StartAsync(vendors: _vendors.Options(), clock: _clock);
        await _h.World.AddConsumerAsync(Consumer, c =>
        {
            foreach (var (name, value) in SquareConfiguration.Node()) c[name] = value?.DeepClone();
        });
        await _vendors.ConnectAsync(_h.Get<ConnectionStore>(), Consumer);
        await _vendors.ConnectSquareAsync(_h.Get<ConnectionStore>(), Consumer, VendorWorld.SquareLondonMerchant);
    }

    [TearDown]
    public async Task Stop()
    {
        await _h.DisposeAsync();
        await _vendors.DisposeAsync();
    }

    private SquareSandbox Square => _vendors.Sandbox.Square;

    private static DayRun Run(DateOnly day, DayTrigger trigger = DayTrigger.Schedule) =>
        TestWorld.Run(Consumer, day.ToString("yyyy-MM-dd"), VendorWorld.London, trigger);

    private static DateTimeOffset LondonAt(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.FromHours(1)).AddHours(hour).AddMinutes(minute);

    private static SquareOrderBuilder PubOrder(string id, DateTimeOffset closedAt) =>
        new SquareOrderBuilder(id, VendorWorld.SohoPub, closedAt).Tax("vat", "VAT 20%", "20", additive: false, catalogId: "tax-vat20");

    /// <summary>A Monday at the pub: tips on cards, a split bill, a gift card sold and one spent, cash rounded, a drink after midnight.</summary>
    private void SeedMonday()
    {
        Square.AddOrder(
            PubOrder("O-1", LondonAt(Monday, 12, 30)).Item("l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 2500, tip: 300));
        Square.AddOrder(PubOrder("O-2", LondonAt(Monday, 13)).Item("l1", "Soup of the day", "1", 650, "var-soup", ["vat"])
            .Item("l2", "Pale ale", "1", 550, "var-ale-pint", ["vat"]).Tender("T-2", "CARD", 700).Tender("T-3", "CASH", 500));
        Square.AddOrder(PubOrder("O-3", LondonAt(Monday, 15)).Item("l1", "Gift card", "1", 2000, itemType: "GIFT_CARD").Tender("T-4", "CARD", 2000));
        Square.AddOrder(
            PubOrder("O-4", LondonAt(Monday, 19)).Item("l1", "Burger", "1", 1253, "var-burger", ["vat"]).Tender("T-5", "CASH", 1255).Rounding(2));
        Square.AddOrder(
            PubOrder("O-5", LondonAt(Monday, 21)).Item("l1", "Pale ale", "2", 550, "var-ale-pint", ["vat"]).Tender("T-6", "SQUARE_GIFT_CARD", 1100));
        Square.AddOrder(
            PubOrder("O-6", LondonAt(Monday.AddDays(1), 1, 15)).Item(
                "l1", "Pale ale (Half)", "1", 300, "var-ale-half", ["vat"]).Tender("T-7", "CASH", 300));
    }

    private IReadOnlyList<PennylaneEntry> Entries => _vendors.Sandbox.Pennylane.Entries(VendorWorld.Account);

    [Test]
    public async Task A_Square_day_is_booked_through_the_pipeline_as_the_booking_rules_make_it()
    {
        SeedMonday();

        var execution = await _h.RunAsync(Run(Monday));

        Assert.That(execution.Status, Is.EqualTo(ExecutionStatus.Success), execution.ErrorMessage);
        var entry = Entries.Single();
        Assert.That(entry.PieceNumber, Is.EqualTo($"POS-{VendorWorld.London}-20250602"));
        var booked = entry.Lines.Select(l => (l.AccountNumber, l.Debit, l.Credit)).ToList();
        Assert.That(booked, Is.EquivalentTo(new[]
        {
            ("511200", 55.00m, 0m), ("530000", 20.55m, 0m), ("419100", 11.00m, 0m),
            ("706100", 0m, 36.69m), ("706200", 0m, 16.25m), ("445711", 0m, 10.59m), ("419100", 0m, 20.00m),
            ("467100", 0m, 3.00m), ("758100", 0m, 0.02m),
        }));

        var fetched = await _h.Get<Connectors.ConnectorRegistry>().Pos(SquareConnector.ConnectorName)!
            .FetchDayAsync(new Connectors.ConnectorContext(Consumer, null), SquareConfiguration.Load().Locations[0], Monday, CancellationToken.None);
        var rules = BookingEngine.Book(SquareConfiguration.Load(), fetched.Value!.Day!).Entry!;
        Assert.That(
            booked,
            Is.EquivalentTo(rules.Lines.Select(l => (l.Account, l.Debit, l.Credit))),
            "what the booking rules make of the day Square answers");
    }

    /// <summary>
    /// A till offline on Monday night uploads its sale 30 hours later with its original time (docs/vendors/square.md
    /// "Offline"): Monday is already booked, a run of it leaves it alone, and a re-import replaces its entry.
    /// </summary>
    [Test]
    public async Task An_offline_order_uploaded_30_hours_late_is_booked_by_a_reimport_which_replaces_the_days_entry()
    {
        SeedMonday();
        var booked = await _h.RunAsync(Run(Monday));
        Square.AddOrder(
            PubOrder("O-OFFLINE", LondonAt(Monday, 22)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-OFF", "CARD", 1250));

        var scheduled = await _h.RunAsync(Run(Monday));
        var reimported = await _h.RunAsync(Run(Monday, DayTrigger.Reimport));

        Assert.That(booked.Status, Is.EqualTo(ExecutionStatus.Success), booked.ErrorMessage);
        Assert.That(scheduled.ErrorCode, Is.EqualTo("ALREADY_DONE"));
        Assert.That(reimported.Status, Is.EqualTo(ExecutionStatus.Success), reimported.ErrorMessage);
        var piece = $"POS-{VendorWorld.London}-20250602";
        Assert.That(Entries.Select(e => e.PieceNumber), Is.EquivalentTo(new[] { piece, $"{piece}-ANNUL", $"{piece}-R1" }));
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(live["511200"], Is.EqualTo(67.50m), "only the replacement is live: 55.00 by card and the late 12.50");
    }

    /// <summary>When Monday counts as closed at the pub: 04:00 cut-off plus the 2-hour grace, London time.</summary>
    private static DateTimeOffset MondayClosed => BusinessDayWindow.Of(Monday, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
        TimeSpan.FromHours(4), Settings.DefaultCloseAfter).ClosesAt;

    private async Task StartOnMondayAsync(bool replaceOnDrift = false) => await _h.World.AddConsumerAsync(Consumer, c =>
    {
        foreach (var (name, value) in SquareConfiguration.Node(n =>
        {
            n["settings"]!["start_date"] = "2025-06-02";
            if (replaceOnDrift) n["settings"]!["replace_on_drift"] = true;
        })) c[name] = value?.DeepClone();
    });

    /// <summary>`possync schedule` at that time; waits for every run it started and answers Monday's, if it started one.</summary>
    private async Task<ExecutionRecord?> ScheduleAtAsync(DateTimeOffset at)
    {
        _clock.MoveTo(at);
        var report = await _h.Get<Scheduler>().RunAsync(_h.Harness.Bus, Consumer, 60, _ => { }, CancellationToken.None);
        ExecutionRecord? monday = null;
        foreach (var day in report.Days.Where(d => d.Result == StartResult.Started))
        {
            var run = await _h.WaitAsync(
                new DayRun { ExecutionId = day.ExecutionId, ConsumerId = Consumer, LocationId = day.LocationId, BusinessDate = day.Date });
            if (day.Date == Monday) monday = run;
        }
        return monday;
    }

    /// <summary>
    /// Square's offline window (docs/vendors/square.md "Offline sales"): the schedule re-reads a booked Square day
    /// 24 h after it closed and once the 72 h are over. The late sale arrives 30 hours after it was rung up, between the
    /// two: the first recheck finds the day unchanged, the second reports the drift with the figures and leaves the
    /// entry alone, and support's re-import replaces it.
    /// </summary>
    [Test]
    public async Task The_schedule_rechecks_a_booked_Square_day_reports_a_late_offline_order_as_drift_and_the_reimport_replaces_the_entry()
    {
        await StartOnMondayAsync();
        SeedMonday();
        var booked = await ScheduleAtAsync(MondayClosed.AddHours(1));

        var unchanged = await ScheduleAtAsync(MondayClosed.AddHours(24));
        Square.AddOrder(
            PubOrder("O-OFFLINE", LondonAt(Monday, 22)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-OFF", "CARD", 1250));
        var notYet = await ScheduleAtAsync(MondayClosed.AddHours(30));
        var drifted = await ScheduleAtAsync(MondayClosed.AddHours(72));
        var again = await ScheduleAtAsync(MondayClosed.AddHours(73));

        Assert.That((booked!.Trigger, booked.Status), Is.EqualTo((DayTrigger.Schedule, ExecutionStatus.Success)), booked.ErrorMessage);
        Assert.That((unchanged!.Trigger, unchanged.Status, unchanged.ErrorCode),
            Is.EqualTo((DayTrigger.Recheck, ExecutionStatus.Success, "POS_DAY_UNCHANGED")));
        Assert.That(notYet, Is.Null, "the first recheck is done; the next waits for the end of the 72 hours");
        Assert.That((drifted!.Trigger, drifted.Status, drifted.ErrorCode),
            Is.EqualTo((DayTrigger.Recheck, ExecutionStatus.Warning, "POS_DAY_DRIFTED")));
        var piece = $"POS-{VendorWorld.London}-20250602";
        Assert.That(drifted.ErrorMessage, Does.Contain($"entry {piece}").And.Contain("orders 6 booked, 7 now (added O-OFFLINE)")
            .And.Contain("sales 83.53 booked, 96.03 now").And.Contain($"run possync reimport {Consumer} --from 2025-06-02 --to 2025-06-02"));
        Assert.That(drifted.EntryNumber, Is.EqualTo(piece));
        Assert.That(again, Is.Null, "each recheck once");
        Assert.That(Entries.Select(e => e.PieceNumber), Is.EqualTo(new[] { piece }), "the booked entry is left alone");
        Assert.That(
            (await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.London, Monday), CancellationToken.None))!.EntryNumber,
            Is.EqualTo(piece));
        Assert.That(await _h.Get<DayArchive>().DayAsync(new DayKey(Consumer, VendorWorld.London, Monday), CancellationToken.None),
            Does.Not.Contain("O-OFFLINE"), "the orders kept are still the ones behind the booked entry");
        var diagnosis = await _h.Get<Diagnosis>().RunAsync(Consumer, Monday, null, CancellationToken.None);
        Assert.That(diagnosis.Checks.Single(c => c.Name == "Booked").Verdict, Is.EqualTo(Verdict.Problem));
        Assert.That(
            diagnosis.Next,
            Is.EqualTo($"Replace the entry with the day as the POS has it now: possync reimport {Consumer} --from 2025-06-02 --to 2025-06-02"));


        var reimported = await _h.RunAsync(Run(Monday, DayTrigger.Reimport));

        Assert.That(reimported.Status, Is.EqualTo(ExecutionStatus.Success), reimported.ErrorMessage);
        Assert.That(Entries.Select(e => e.PieceNumber), Is.EquivalentTo(new[] { piece, $"{piece}-ANNUL", $"{piece}-R1" }));
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(live["511200"], Is.EqualTo(67.50m), "only the replacement is live: 55.00 by card and the late 12.50");
    }

    [Test]
    public async Task With_replace_on_drift_the_recheck_replaces_the_entry_itself_and_says_why()
    {
        await StartOnMondayAsync(replaceOnDrift: true);
        SeedMonday();
        await ScheduleAtAsync(MondayClosed.AddHours(1));
        Square.AddOrder(
            PubOrder("O-OFFLINE", LondonAt(Monday, 22)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-OFF", "CARD", 1250));

        var replaced = await ScheduleAtAsync(MondayClosed.AddHours(30));

        var piece = $"POS-{VendorWorld.London}-20250602";
        Assert.That((replaced!.Trigger, replaced.Status, replaced.ErrorCode),
            Is.EqualTo((DayTrigger.Recheck, ExecutionStatus.Warning, "POS_DAY_DRIFTED")), replaced.ErrorMessage);
        Assert.That(replaced.ErrorMessage, Does.Contain("orders 6 booked, 7 now (added O-OFFLINE)").And.Contain("settings.replace_on_drift")
            .And.Contain($"Entry {piece}-R1 was booked"));
        Assert.That(Entries.Select(e => e.PieceNumber), Is.EquivalentTo(new[] { piece, $"{piece}-ANNUL", $"{piece}-R1" }), "never two live entries");
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(live["511200"], Is.EqualTo(67.50m));
        Assert.That(await _h.Get<DayArchive>().DayAsync(new DayKey(Consumer, VendorWorld.London, Monday), CancellationToken.None),
            Does.Contain("O-OFFLINE"), "the orders kept are the ones behind the live entry");
    }

    [Test]
    public async Task A_day_still_inside_its_grace_waits_as_open_and_books_nothing()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await _h.World.AddConsumerAsync(Consumer, c =>
        {
            foreach (var (name, value) in SquareConfiguration.Node(n => n["settings"]!["close_after"] = "72:00")) c[name] = value?.DeepClone();
        });

        var execution = await _h.RunAsync(Run(yesterday));

        Assert.That((execution.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "DAY_OPEN")));
        Assert.That(Entries, Is.Empty);
    }

    [Test]
    public async Task A_revoked_Square_token_marks_the_connection_for_reconnecting_and_opens_one_issue_naming_the_scopes()
    {
        SeedMonday();
        Square.OAuth.RevokeAll(VendorWorld.SquareLondonMerchant);

        var execution = await _h.RunAsync(Run(Monday));

        Assert.That((execution.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "POS_AUTH")));
        Assert.That((await _h.World.Consumers.GetAsync(Consumer, CancellationToken.None))!.Pos!.Status, Is.EqualTo(ConnectionStatus.NeedsReconnect));
        var issue = (await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None)).Single();
        Assert.That(issue.Message, Does.Contain($"possync connect {Consumer} --role pos").And.Contain("ORDERS_READ"));
        Assert.That(_vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Where(r => r.Method == "POST"), Is.Empty, "nothing booked");
    }
}
