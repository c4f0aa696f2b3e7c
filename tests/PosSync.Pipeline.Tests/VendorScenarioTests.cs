using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Sandbox;
using PosSync.Sandbox.Lightspeed;
using PosSync.Sandbox.Pennylane;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// Scenarios of scenarios.md that need the vendors: the three stages (MassTransit harness) booking
/// a Lightspeed restaurant into Pennylane over real HTTP on loopback.
/// </summary>
[CancelAfter(120_000)]
public class VendorScenarioTests
{
    private const string Consumer = "c-brasserie";
    private VendorWorld _vendors = null!;
    private PipelineHarness _h = null!;
    private ShiftedClock _clock = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new ShiftedClock();
        _vendors = await VendorWorld.StartAsync(_clock);
        _h = await PipelineHarness.StartAsync(vendors: _vendors.Options(), clock: _clock);
        await _h.World.AddConsumerAsync(Consumer, c => VendorWorld.Configure(c));
        await _vendors.ConnectAsync(_h.Get<ConnectionStore>(), Consumer);
    }

    [TearDown]
    public async Task Stop()
    {
        await _h.DisposeAsync();
        await _vendors.DisposeAsync();
    }

    private static DayRun Run(string date, string location = VendorWorld.Centre, DayTrigger trigger = DayTrigger.Schedule) =>
        TestWorld.Run(Consumer, date, location, trigger);

    private IReadOnlyList<PennylaneEntry> Entries => _vendors.Sandbox.Pennylane.Entries(VendorWorld.Account);

    private static ServiceDay ThreeCardOrders(string date)
    {
        var day = DayBuilder.For(date, VendorWorld.Centre);
        for (var i = 1; i <= 3; i++) day.Order($"O-17{i}", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m));
        return day.Build();
    }

    [Test]
    public async Task S10_an_open_day_waits_without_booking_then_books_once_it_is_closed()
    {
        _vendors.AddDay(ThreeCardOrders("2025-03-17"), complete: false);

        var waiting = await _h.RunAsync(Run("2025-03-17"));
        _vendors.Sandbox.Lightspeed.Complete(VendorWorld.Centre, new DateOnly(2025, 3, 17));
        var booked = await _h.RunAsync(Run("2025-03-17"));

        Assert.That((waiting.Status, waiting.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "DAY_OPEN")));
        Assert.That(booked.Status, Is.EqualTo(ExecutionStatus.Success));
        var entry = Entries.Single();
        Assert.That(
            entry.Lines.Select(l => (l.AccountNumber, l.Debit, l.Credit)),
            Is.EquivalentTo(new[] { ("511200", 66.00m, 0m), ("706100", 0m, 60.00m), ("445712", 0m, 6.00m) }));
    }

    /// <summary>Lightspeed closes its days itself and declares no late orders: a booked day is never read again by the schedule.</summary>
    [Test]
    public async Task A_booked_Lightspeed_day_is_never_rechecked_by_the_schedule()
    {
        await _h.World.AddConsumerAsync(Consumer, c =>
        {
            VendorWorld.Configure(c);
            c["locations"]!.AsArray().RemoveAt(1);
            c["settings"]!["start_date"] = "2025-03-17";
        });
        _vendors.AddDay(ThreeCardOrders("2025-03-17"));
        var monday = new DateOnly(2025, 3, 17);
        var booked = new List<RequestedDay>();
        var later = new List<RequestedDay>();

        foreach (var hoursAfter in new[] { 1, 25, 73, 80 })
        {
            _clock.MoveTo(new DateTimeOffset(2025, 3, 18, 5, 0, 0, TimeSpan.FromHours(1)).AddHours(hoursAfter));
            var report = await _h.Get<Scheduler>().RunAsync(_h.Harness.Bus, Consumer, 60, _ => { }, CancellationToken.None);
            foreach (var day in report.Days)
                await _h.WaitAsync(
                    new DayRun { ExecutionId = day.ExecutionId, ConsumerId = Consumer, LocationId = day.LocationId, BusinessDate = day.Date });
            (hoursAfter == 1 ? booked : later).AddRange(report.Days.Where(d => d.Date == monday));
        }

        Assert.That(booked.Single().Trigger, Is.EqualTo(DayTrigger.Schedule));
        Assert.That((await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.Centre, monday), CancellationToken.None))!.IsBooked, Is.True);
        Assert.That(later, Is.Empty, "no recheck at 24 h or 72 h");
        Assert.That(Entries, Has.Count.EqualTo(1));
    }

    [TestCase(
        401,
        TestName = "S12 a revoked POS token (401) flags the connection, calls no accounting, opens one issue; after reconnecting the day books once")]
    [TestCase(403, TestName = "S12 variant: the POS answers 403 the same way")]
    public async Task S12_pos_credentials_refused(int status)
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-18", VendorWorld.Centre));
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-19", VendorWorld.Centre));
        if (status == 401) _vendors.Sandbox.Lightspeed.OAuth.RevokeAll(VendorWorld.Account);
        else
            _vendors.Sandbox.Lightspeed.Faults.Next(
                "daily-financials",
                new Fault(FaultKind.Status, 403, "The user has no access to this business location"),
                times: 2);

        var runs = new[] { Run("2025-03-18"), Run("2025-03-19") };
        foreach (var run in runs) await _h.Harness.Bus.Publish(new SyncServiceDay { Run = run });
        var failed = new[] { await _h.WaitAsync(runs[0]), await _h.WaitAsync(runs[1]) };

        Assert.That(failed.Select(f => f.ErrorCode), Has.All.EqualTo("POS_AUTH").Or.All.EqualTo("SYNC_DISABLED"));
        Assert.That(failed.Count(f => f.ErrorCode == "POS_AUTH"), Is.GreaterThanOrEqualTo(1));
        Assert.That(failed.First(f => f.ErrorCode == "POS_AUTH").ErrorMessage, Does.Contain("reconnect"));
        Assert.That((await _h.World.Consumers.GetAsync(Consumer, CancellationToken.None))!.Pos!.Status, Is.EqualTo(ConnectionStatus.NeedsReconnect));
        Assert.That(_vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor), Is.Empty, "no accounting call");
        var issue = (await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None)).Single();
        Assert.That((issue.Code, issue.Status, issue.Occurrences), Is.EqualTo(("POS_AUTH", "open", failed.Count(f => f.ErrorCode == "POS_AUTH"))));

        var fresh = _vendors.Sandbox.Lightspeed.OAuth.IssueFor(VendorWorld.Account, LightspeedSandbox.Scope);
        await _h.Get<Reconnection>().ConnectAsync(
            Consumer, ConnectorRole.Pos, "lightspeed", fresh.AccessToken, fresh.RefreshToken,
            fresh.ExpiresAt.UtcDateTime, null, CancellationToken.None);
        var retried = await _h.RunAsync(Run("2025-03-18", trigger: DayTrigger.Retry));
        var again = await _h.RunAsync(Run("2025-03-18", trigger: DayTrigger.Schedule));

        Assert.That(retried.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(again.ErrorCode, Is.EqualTo("ALREADY_DONE"));
        Assert.That(Entries.Count(e => e.PieceNumber == "POS-1001-20250318"), Is.EqualTo(1));
        Assert.That((await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None)).Single().Status, Is.EqualTo("resolved"));
    }

    /// <summary>The stored refresh token as if the connection had been idle until two days before it dies.</summary>
    private async Task IdleUntilTwoDaysBeforeItDiesAsync()
    {
        var store = _h.Get<ConnectionStore>();
        var stored = (await store.GetAsync(Consumer, ConnectionStore.Pos, CancellationToken.None))!;
        await store.SaveAsync(Consumer, ConnectionStore.Pos, "lightspeed", stored.AccessToken, stored.RefreshToken, stored.ExpiresAt, stored.Scope,
            CancellationToken.None, DateTime.UtcNow.AddDays(2));
    }

    /// <summary>The renewal as a scheduler pass <paramref name="later"/> from now runs it.</summary>
    private Operations.CredentialRenewal RenewalIn(TimeSpan later) => new(_h.Get<ConnectionStore>(), _h.Get<Connectors.Http.OAuthTokens>(),
        _h.Get<Connectors.Http.VendorOptions>(), _h.Get<ConsumerStore>(), _h.Get<IssueStore>(),
        _h.Get<ConnectionFailures>(), new FixedClock(DateTimeOffset.UtcNow + later));

    [Test]
    public async Task A_refresh_token_close_to_expiry_is_renewed_before_it_dies()
    {
        await IdleUntilTwoDaysBeforeItDiesAsync();
        var before = (await _h.Get<ConnectionStore>().GetAsync(Consumer, ConnectionStore.Pos, CancellationToken.None))!;

        var renewed = await RenewalIn(TimeSpan.FromHours(13)).RenewExpiringAsync(null, CancellationToken.None);

        var after = (await _h.Get<ConnectionStore>().GetAsync(Consumer, ConnectionStore.Pos, CancellationToken.None))!;
        Assert.That(
            renewed.Select(r => (r.ConsumerId, r.Role)),
            Is.EqualTo(new[] { (Consumer, ConnectionStore.Pos) }),
            "only the connection close to expiry");
        Assert.That(renewed[0].Outcome, Does.StartWith("renewed until"));
        Assert.That(after.RefreshToken, Is.Not.EqualTo(before.RefreshToken));
        Assert.That(_vendors.Sandbox.Lightspeed.OAuth.IsLive(after.RefreshToken!), Is.True);
        Assert.That(
            after.RefreshExpiresAt,
            Is.EqualTo(DateTime.UtcNow.AddDays(14)).Within(TimeSpan.FromMinutes(1)),
            "V1 sends no refresh_expires_in: its documented 14 days");
        Assert.That(await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_refresh_token_that_cannot_be_renewed_opens_a_reconnect_before_issue_while_it_still_works()
    {
        var oauth = _vendors.Sandbox.Lightspeed.OAuth;
        // A V2 client whose session has a fixed end: refresh_expires_in counts down to it.
        oauth.SendsRefreshExpiresIn = true;
        oauth.RefreshEndsWithConsent = true;
        oauth.RefreshLifetime = TimeSpan.FromDays(2);
        var token = oauth.IssueFor(VendorWorld.Account, LightspeedSandbox.Scope);
        await _h.Get<ConnectionStore>().SaveAsync(Consumer, ConnectionStore.Pos, "lightspeed", token.AccessToken,
            token.RefreshToken, token.ExpiresAt.UtcDateTime,
            null, CancellationToken.None, token.RefreshDiesAt!.Value.UtcDateTime);

        var renewed = await RenewalIn(TimeSpan.FromHours(13)).RenewExpiringAsync(Consumer, CancellationToken.None);
        var again = await RenewalIn(TimeSpan.FromMinutes(5)).RenewExpiringAsync(Consumer, CancellationToken.None);

        Assert.That(renewed.Single().Outcome, Does.Contain("reconnect before"));
        var issue = (await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None)).Single();
        Assert.That((issue.Code, issue.Status), Is.EqualTo(("POS_RECONNECT_BEFORE", "open")));
        Assert.That(issue.Message, Does.Contain($"reconnect before then (possync connect {Consumer} --role pos")
            .And.Contain(token.RefreshDiesAt.Value.UtcDateTime.ToString("yyyy-MM-dd")));
        Assert.That(again.Single().Outcome, Does.Contain("reconnect before"), "a pass soon after does not refresh again, and still says so");
        Assert.That(
            _vendors.Sandbox.Journal.All(LightspeedSandbox.Vendor).Count(r => r.Path.Contains("/oauth/token")),
            Is.EqualTo(1),
            "one refresh, not one per pass");
        Assert.That(
            (await _h.World.Consumers.GetAsync(Consumer, CancellationToken.None))!.Pos!.Status,
            Is.EqualTo(ConnectionStatus.Active),
            "the connection still works");
    }

    [Test]
    public async Task S13_an_accounting_403_at_post_leaves_the_day_unbooked_and_the_retry_makes_exactly_one_entry()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        _vendors.Sandbox.Pennylane.Faults.Next(
            "ledger_entries.post",
            new Fault(FaultKind.Status, 403, "Access to this resource requires scope \"ledger_entries:all\""));

        var failed = await _h.RunAsync(Run("2025-03-14"));

        Assert.That((failed.Status, failed.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "ACCOUNTING_AUTH")));
        Assert.That(
            await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.Centre, new DateOnly(2025, 3, 14)), CancellationToken.None),
            Is.Not.Null.And.Property("IsBooked").False);
        Assert.That(
            (await _h.World.Consumers.GetAsync(Consumer, CancellationToken.None))!.Accounting!.Status,
            Is.EqualTo(ConnectionStatus.NeedsReconnect));

        var token = _vendors.Sandbox.Pennylane.OAuth.IssueFor(
            VendorWorld.Account,
            "journals:readonly",
            "ledger_accounts:readonly",
            "ledger_entries:all");
        await _h.Get<Reconnection>().ConnectAsync(
            Consumer, ConnectorRole.Accounting, "pennylane", token.AccessToken, token.RefreshToken,
            token.ExpiresAt.UtcDateTime, null, CancellationToken.None);
        var retried = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Retry));

        Assert.That(retried.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task S16_a_booked_day_is_not_posted_again_an_unchanged_reimport_posts_nothing_and_a_changed_one_replaces_it()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        var booked = await _h.RunAsync(Run("2025-03-14"));
        var accountingId = Entries.Single().Id.ToString();

        var scheduled = await _h.RunAsync(Run("2025-03-14"));
        var unchanged = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Reimport));
        var day = BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre);
        _vendors.AddDay(day with { Orders = [.. day.Orders, .. ThreeCardOrders("2025-03-14").Orders.Take(1)] });
        var changed = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Reimport));

        Assert.That(booked.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(scheduled.ErrorCode, Is.EqualTo("ALREADY_DONE"));
        Assert.That(unchanged.ErrorMessage, Does.Contain($"Already booked as {accountingId}").And.Contain("unchanged"));
        Assert.That(changed.Status, Is.EqualTo(ExecutionStatus.Success), changed.ErrorMessage);
        Assert.That(
            Entries.Select(e => e.PieceNumber),
            Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL", "POS-1001-20250314-R1" }));
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(live["511200"], Is.EqualTo(55.00m), "only the new entry is live: 33 + 22 by card");
        Assert.That(
            _vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Count(r => r.Method == "POST"),
            Is.EqualTo(3),
            "first booking, reversal, replacement");
    }

    [Test]
    public async Task A_back_office_cancellation_made_the_next_day_is_booked_on_the_cancelled_sales_day_by_a_reimport()
    {
        _vendors.AddDay(ThreeCardOrders("2025-03-17"));
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-18", VendorWorld.Centre));
        await _h.RunAsync(Run("2025-03-17"));
        await _h.RunAsync(Run("2025-03-18"));
        var tuesday = Entries.Single(e => e.PieceNumber == "POS-1001-20250318");

        // Tuesday morning the manager cancels one of Monday's sales in the back office.
        _vendors.Sandbox.Lightspeed.CancelInBackOffice(VendorWorld.Centre, new DateOnly(2025, 3, 17), "O-172", new DateOnly(2025, 3, 18));
        var reimported = await _h.RunAsync(Run("2025-03-17", trigger: DayTrigger.Reimport));

        Assert.That(reimported.Status, Is.EqualTo(ExecutionStatus.Success), reimported.ErrorMessage);
        var replacement = Entries.Single(e => e.PieceNumber == "POS-1001-20250317-R1");
        Assert.That(replacement.Lines.Where(l => l.AccountNumber == "511200").Sum(l => l.Debit), Is.EqualTo(44.00m), "two sales left of three");
        Assert.That(
            Entries.Where(e => e.PieceNumber!.StartsWith("POS-1001-20250318")).ToList(),
            Is.EqualTo(new[] { tuesday }),
            "the next day's entry is untouched");
    }

    [Test]
    public async Task S16_a_replacement_the_accounting_tool_refuses_leaves_the_day_unbooked_and_the_retry_books_it_once()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        await _h.RunAsync(Run("2025-03-14"));
        // The client sells drinks now, mapped to an account their Pennylane does not have yet.
        await _h.World.AddConsumerAsync(Consumer, c => { c["mappings"]!["categories"]!["cat-drinks"] = "706300"; VendorWorld.Configure(c); });
        var day = BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre);
        _vendors.AddDay(day with
        {
            Orders = [
                .. day.Orders,
                DayBuilder.For("2025-03-14", VendorWorld.Centre)
                    .Order("O-103", o => o.Item(1, 5.00m, 6.00m, 1.00m, 20, "cat-drinks").Pay("pm-card", 6.00m))
                    .Build().Orders[0]],
        });

        var refused = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Reimport));
        var ledger = await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.Centre, new DateOnly(2025, 3, 14)), CancellationToken.None);
        _vendors.Sandbox.Pennylane.AddAccounts(VendorWorld.Account, "706300");
        var retried = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Retry) with { Attempt = 2 });

        Assert.That((refused.Status, refused.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "ACCOUNTING_REJECTED")));
        Assert.That(refused.ErrorMessage, Does.Contain("706300"));
        Assert.That(ledger!.IsBooked, Is.False, "the old entry is reversed and the new one not booked: the day is not booked");
        Assert.That(retried.Status, Is.EqualTo(ExecutionStatus.Success), retried.ErrorMessage);
        Assert.That(retried.EntryNumber, Is.EqualTo("POS-1001-20250314-R1"));
        Assert.That(
            Entries.Select(e => e.PieceNumber),
            Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL", "POS-1001-20250314-R1" }));
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That((live["511200"], live["706300"]), Is.EqualTo((39.00m, -5.00m)), "one live entry: the replacement");
    }

    [Test]
    public async Task S16_a_re_import_of_a_day_whose_period_was_closed_since_reverses_and_rebooks_it_on_the_correction_date_and_says_so()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        await _h.RunAsync(Run("2025-03-14"));
        _vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));
        var day = BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre);
        _vendors.AddDay(day with { Orders = [.. day.Orders, .. ThreeCardOrders("2025-03-14").Orders.Take(1)] });

        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var before = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);
        var changed = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Reimport));
        var after = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);

        Assert.That((changed.Status, changed.ErrorCode), Is.EqualTo((ExecutionStatus.Warning, "CORRECTION_DATED_TODAY")), changed.ErrorMessage);
        Assert.That(Entries.Select(e => e.PieceNumber),
            Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL", "POS-1001-20250314-R1" }),
            "exactly one reversal and one replacement");
        var corrections = Entries.Where(e => e.PieceNumber != "POS-1001-20250314").ToList();
        Assert.That(corrections.Select(e => e.Date), Has.All.InRange(before, after), "booked on the business's today (Europe/Paris)");
        Assert.That(corrections.Select(e => e.Label), Has.All.Contains("(journée du 2025-03-14)"));
        Assert.That(changed.ErrorMessage, Does.Contain("Entry POS-1001-20250314-R1 was booked in pennylane"));
        var warnings = (await _h.World.Executions.EventsAsync(changed.ExecutionId, CancellationToken.None))
            .Where(e => e.Code == "CORRECTION_DATED_TODAY" && e.Level == EventLevel.Warning).Select(e => e.Message).ToList();
        Assert.That(warnings, Has.Count.EqualTo(3), "the reversal's and the replacement's warnings, then the run's ending");
        Assert.That(warnings[0], Does.Contain("the reversal of POS-1001-20250314 dated 2025-03-14").And.Contain("The fiscal period is closed"));
        Assert.That(warnings[1], Does.Contain("entry POS-1001-20250314-R1 dated 2025-03-14"));
        var live = Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(live["511200"], Is.EqualTo(55.00m), "only the replacement is live");
    }

    [Test]
    public async Task S16_a_re_import_of_a_booked_day_whose_orders_were_all_voided_since_removes_its_entry()
    {
        var day = BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre);
        _vendors.AddDay(day);
        await _h.RunAsync(Run("2025-03-14"));
        _vendors.AddDay(day with { Orders = day.Orders.Select(o => o with { Status = OrderStatus.Voided }).ToList() });

        var reimported = await _h.RunAsync(Run("2025-03-14", trigger: DayTrigger.Reimport));
        var later = await _h.RunAsync(Run("2025-03-14"));

        Assert.That((reimported.Status, reimported.ErrorCode), Is.EqualTo((ExecutionStatus.Success, "NOTHING_TO_BOOK")), reimported.ErrorMessage);
        Assert.That(reimported.ErrorMessage, Does.Contain("no entry replaces POS-1001-20250314"));
        Assert.That(Entries.Select(e => e.PieceNumber), Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL" }));
        Assert.That(
            Entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).Select(g => g.Sum(l => l.Debit - l.Credit)),
            Is.All.EqualTo(0m),
            "nothing is live");
        var ledger = await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.Centre, new DateOnly(2025, 3, 14)), CancellationToken.None);
        Assert.That(ledger!.Status, Is.EqualTo(LedgerDay.NothingToBook));
        Assert.That(later.ErrorCode, Is.EqualTo("ALREADY_DONE"), "the day is done: nothing to book");
    }

    [Test]
    public async Task S16_a_network_timeout_after_the_post_then_a_retry_still_makes_one_entry()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        _vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(FaultKind.CommitThenDrop));

        var run = await _h.RunAsync(Run("2025-03-14"));

        Assert.That(run.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task S17_one_location_failing_does_not_block_the_other()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        _vendors.AddDay(
            DayBuilder.For("2025-03-14", VendorWorld.Gare).Order("O-1701", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m)).Build());
        _vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Status, 502), times: 1);

        var gare = await _h.RunAsync(Run("2025-03-14", VendorWorld.Gare));
        var centre = await _h.RunAsync(Run("2025-03-14", VendorWorld.Centre));
        _vendors.Sandbox.Lightspeed.Faults.Clear();

        // A single 502 is retried; make the second location's POS stay down for this check.
        _vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.Status, 502), times: 10);
        var down = await _h.RunAsync(Run("2025-03-15", VendorWorld.Gare));

        Assert.That(centre.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(gare.Status, Is.EqualTo(ExecutionStatus.Success), "one 502 is retried within the budget");
        Assert.That((down.Status, down.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "POS_UNAVAILABLE")));
        var gareEntry = Entries.Single(e => e.PieceNumber == "POS-1002-20250314");
        Assert.That(
            gareEntry.Lines.Select(l => (l.AccountNumber, l.Debit, l.Credit)),
            Is.EquivalentTo(new[] { ("511200", 22.00m, 0m), ("706100", 0m, 20.00m), ("445712", 0m, 2.00m) }));
        Assert.That(Entries.Any(e => e.PieceNumber == "POS-1001-20250314"), Is.True);
    }

    [Test]
    public async Task S24_an_entry_the_accounting_tool_rejects_ends_the_day_with_its_message_verbatim()
    {
        _vendors.AddDay(BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre));
        _vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));

        var run = await _h.RunAsync(Run("2025-03-14"));

        Assert.That((run.Status, run.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "ACCOUNTING_REJECTED")));
        Assert.That(run.ErrorMessage, Does.Contain("The fiscal period is closed"));
        Assert.That(Entries, Is.Empty);
        Assert.That(
            (await _h.World.Ledger.GetAsync(new DayKey(Consumer, VendorWorld.Centre, new DateOnly(2025, 3, 14)), CancellationToken.None))!.IsBooked,
            Is.False);
    }

    [Test]
    public async Task Access_tokens_expiring_and_rotating_across_many_days_never_stop_the_sync()
    {
        // PosSync refreshes a token 30 s before it expires: 30-second tokens are refreshed before every use,
        // by four ingest consumers at once, each refresh spending a single-use refresh token.
        _vendors.Sandbox.Lightspeed.OAuth.AccessLifetime = TimeSpan.FromSeconds(30);
        await _vendors.ConnectAsync(_h.Get<ConnectionStore>(), Consumer, pennylane: false);
        var runs = new List<DayRun>();
        for (var i = 0; i < 30; i++)
        {
            var date = new DateOnly(2025, 3, 1).AddDays(i).ToString("yyyy-MM-dd");
            _vendors.AddDay(BookingScenarios.S01Day(date, VendorWorld.Centre));
            runs.Add(Run(date));
        }
        var before = _vendors.Sandbox.Lightspeed.OAuth.TokensIssued;

        foreach (var run in runs) await _h.Harness.Bus.Publish(new SyncServiceDay { Run = run });
        var done = new List<ExecutionRecord>();
        foreach (var run in runs) done.Add(await _h.WaitAsync(run, TimeSpan.FromSeconds(90)));

        Assert.That(done.Select(d => d.Status), Is.All.EqualTo(ExecutionStatus.Success),
            string.Join(
                "\n",
                done.Where(d => d.Status != ExecutionStatus.Success)
                    .Select(d => $"{d.BusinessDate} {d.Status} {d.Stage} {d.ErrorCode}: {d.ErrorMessage}")));
        Assert.That(
            _vendors.Sandbox.Lightspeed.OAuth.TokensIssued - before,
            Is.GreaterThanOrEqualTo(10),
            "refreshed again and again (concurrent callers share a refresh)");
        var stored = await _h.Get<ConnectionStore>().GetAsync(Consumer, ConnectionStore.Pos, CancellationToken.None);
        Assert.That(_vendors.Sandbox.Lightspeed.OAuth.IsLive(stored!.RefreshToken!), Is.True,
            "every new pair was stored: the stored refresh token is the one still alive");
        Assert.That(Entries, Has.Count.EqualTo(30));
    }

    [Test]
    public async Task Under_a_429_storm_every_day_is_booked_and_the_limiter_stays_under_Pennylanes_limit()
    {
        var runs = new List<DayRun>();
        for (var i = 0; i < 24; i++)
        {
            var date = new DateOnly(2025, 3, 1).AddDays(i).ToString("yyyy-MM-dd");
            _vendors.AddDay(BookingScenarios.S01Day(date, VendorWorld.Centre));
            runs.Add(Run(date));
        }
        _vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.get", new Fault(FaultKind.TooManyRequests, RetryAfterSeconds: 1), times: 8);

        foreach (var run in runs) await _h.Harness.Bus.Publish(new SyncServiceDay { Run = run });
        var done = new List<ExecutionRecord>();
        foreach (var run in runs) done.Add(await _h.WaitAsync(run, TimeSpan.FromSeconds(100)));

        Assert.That(done.Select(d => d.Status), Is.All.EqualTo(ExecutionStatus.Success),
            string.Join(
                "\n",
                done.Where(d => d.Status != ExecutionStatus.Success)
                    .Select(d => $"{d.BusinessDate} {d.Status} {d.Stage} {d.ErrorCode}: {d.ErrorMessage}")));
        Assert.That(Entries, Has.Count.EqualTo(24));
        Assert.That(
            _vendors.Sandbox.Journal.BusiestWindow(PennylaneSandbox.Vendor, PennylaneSandbox.Window),
            Is.LessThanOrEqualTo(PennylaneSandbox.Limit));
        Assert.That(_vendors.Sandbox.Pennylane.RateLimitedRequests, Is.Zero, "PosSync's own limiter kept it from ever going over");
        Assert.That(_vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Count(r => r.Status == 429), Is.EqualTo(8), "the storm happened");
    }
}
