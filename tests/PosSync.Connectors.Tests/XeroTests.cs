using System.Net.Http.Json;
using PosSync.Connectors.Xero;
using PosSync.Contracts;
using PosSync.Sandbox;
using PosSync.Sandbox.Xero;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>The Xero target over real HTTP against the Xero sandbox, every Accounting call held to xero-accounting.yaml.</summary>
[NonParallelizable]
public sealed class XeroTests
{
    private XeroRig _rig = null!;

    [SetUp]
    public async Task StartAsync() => _rig = await XeroRig.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _rig.DisposeAsync();

    /// <summary>
    /// A UK café's Monday as PosSync's booking rules compute it: food and drinks at 20 %, cakes to take away at 5 %,
    /// tips, card and cash.
    /// </summary>
    private static JournalEntry Monday(string number = "POS-corner-20261130") => new()
    {
        Number = number, Date = new DateOnly(2026, 11, 30), Journal = "POS", Currency = "GBP",
        Lines =
        [
            new("611", 600.00m, 0m, null, "Card"),
            new("612", 139.34m, 0m, null, "Cash"),
            new("201", 0m, 412.37m, "OUTPUT2", "Sales food 20 %"),
            new("202", 0m, 156.25m, "OUTPUT2", "Sales drinks 20 %"),
            new("203", 0m, 40.00m, "RROUTPUT", "Sales take-away 5 %"),
            new("820", 0m, 113.72m, "OUTPUT2", "VAT 20 %"),
            new("820", 0m, 2.00m, "RROUTPUT", "VAT 5 %"),
            new("825", 0m, 15.00m, null, "Tips"),
        ],
    };

    [Test]
    public async Task A_booked_day_agrees_to_the_cent_with_PosSyncs_entry()
    {
        var entry = Monday();

        var posted = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        var journal = _rig.Sandbox.Journals(_rig.Organisation.TenantId).Single();
        Assert.That(journal.Id.ToString(), Is.EqualTo(posted.Value!.AccountingId));
        Assert.That(journal.Status, Is.EqualTo("POSTED"));
        Assert.That(journal.LineAmountTypes, Is.EqualTo("Inclusive"));
        Assert.That(journal.Lines.Sum(l => l.LineAmount), Is.EqualTo(0m));
        foreach (var line in entry.Lines.Where(l => l.Account != "820"))
        {
            var booked = journal.Lines.Where(l => l.AccountCode == line.Account).Sum(l => l.LineAmount - l.TaxAmount);
            Assert.That(booked, Is.EqualTo(line.Debit - line.Credit), $"net of account {line.Account} in Xero");
        }
        foreach (var vat in entry.Lines.Where(l => l.Account == "820"))
            Assert.That(
                journal.Lines.Where(l => l.TaxType == vat.VatCode).Sum(l => l.TaxAmount),
                Is.EqualTo(-vat.Credit),
                $"{vat.VatCode} tax Xero derived");
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test]
    public async Task Every_call_names_the_organisation_of_the_connection_in_xero_tenant_id()
    {
        await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        var calls = _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Where(r => r.Path.Contains(XeroSandbox.Api)).ToList();
        Assert.That(calls.Select(c => c.Path.Split('?')[0].Replace("/xero" + XeroSandbox.Api, "")),
            Is.EqualTo(new[] { "/Accounts", "/TaxRates", "/ManualJournals", "/ManualJournals" }),
            "the chart, the look-up of the entry's journal, the journal");
        Assert.That(calls.Select(c => c.Headers.GetValueOrDefault("xero-tenant-id")), Has.All.EqualTo(_rig.Organisation.TenantId.ToString()));
    }

    [Test]
    public async Task A_lost_answer_retried_with_the_same_Idempotency_Key_makes_one_journal()
    {
        _rig.Sandbox.Faults.Next("manualjournals.put", new Fault(FaultKind.CommitThenDrop));

        var posted = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId), Has.Count.EqualTo(1));
        var puts = _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Where(r => r.Method == "PUT").ToList();
        Assert.That(puts, Has.Count.EqualTo(2), "the dropped answer and its retry");
        Assert.That(puts.Select(p => p.Headers["Idempotency-Key"]).Distinct().Count(), Is.EqualTo(1));
        Assert.That(posted.Value!.AccountingId, Is.EqualTo(_rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Id.ToString()));
    }

    [Test]
    public async Task A_lost_answer_then_an_unrelated_account_added_by_the_client_still_makes_one_journal()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        await _rig.DisposeAsync();
        _rig = await XeroRig.StartAsync(transientRetries: 0, clock: clock);
        _rig.Sandbox.Faults.Next("manualjournals.put", new Fault(FaultKind.CommitThenDrop));
        var lost = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);
        _rig.Organisation.Accounts.Add(new XeroAccount(Guid.NewGuid(), "205", "Sales - Vouchers", "REVENUE", "REVENUE", "OUTPUT2"));
        clock.Now += TimeSpan.FromMinutes(11); // the chart kept ten minutes is read again, with the new account

        var retried = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(lost.Failure!.Kind, Is.EqualTo(FailureKind.Unavailable), lost.Failure.Message);
        Assert.That(retried.Failure, Is.Null, retried.Failure?.Message);
        var journal = _rig.Sandbox.Journals(_rig.Organisation.TenantId).Single();
        Assert.That(retried.Value, Is.EqualTo(new PostedEntry(journal.Id.ToString(), AlreadyExisted: true)), "found by its Narration and recorded");
        var calls = _rig.Vendors.Sandbox.Journal
            .All(XeroSandbox.Vendor).Where(r => r.Path.Contains("/ManualJournals"))
            .Select(r => r.Method).ToList();
        Assert.That(calls, Is.EqualTo(new[] { "GET", "PUT", "GET" }), "the retry finds the journal and sends nothing");
        Assert.That(
            _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Count(r => r.Path.EndsWith("/Accounts", StringComparison.Ordinal)),
            Is.EqualTo(2));
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    /// <summary>
    /// A pub's busy Friday at ordinary prices in 5p steps, VAT rounded per item as Square does: one journal line per
    /// account could not carry that VAT, the split lines do, and Xero's own tax agrees to the penny.
    /// </summary>
    [Test]
    public async Task A_busy_day_at_5p_prices_books_to_the_penny_through_xeros_line_by_line_rounding()
    {
        var random = new Random(1130);
        var (food, drinks, vat) = (0m, 0m, 0m);
        for (var item = 0; item < 160; item++)
        {
            var gross = random.Next(30, 500) * 0.05m;
            var itemVat = XeroTax.Amount("Inclusive", gross, 20m);
            if (item % 3 == 0) food += gross - itemVat;
            else drinks += gross - itemVat;
            vat += itemVat;
        }
        var entry = Monday("POS-pub-20261127") with
        {
            Lines =
            [
                new("611", food + drinks + vat, 0m, null, "Card"), new("201", 0m, food, "OUTPUT2", "Sales food 20 %"),
                new("202", 0m, drinks, "OUTPUT2", "Sales drinks 20 %"), new("820", 0m, vat, "OUTPUT2", "VAT 20 %"),
            ],
        };
        Assert.That(XeroTax.Amount("Inclusive", food + drinks + vat, 20m), Is.Not.EqualTo(vat), "one line per rate could not carry this day's VAT");

        var posted = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        var journal = _rig.Sandbox.Journals(_rig.Organisation.TenantId).Single();
        Assert.That(journal.Lines.Count, Is.GreaterThan(3), "the sales lines were split");
        Assert.That(journal.Lines.Where(l => l.AccountCode == "201").Sum(l => l.LineAmount - l.TaxAmount), Is.EqualTo(-food));
        Assert.That(journal.Lines.Where(l => l.AccountCode == "202").Sum(l => l.LineAmount - l.TaxAmount), Is.EqualTo(-drinks));
        Assert.That(journal.Lines.Where(l => l.TaxType == "OUTPUT2").Sum(l => l.TaxAmount), Is.EqualTo(-vat));
        Assert.That(journal.Lines.Sum(l => l.LineAmount), Is.EqualTo(0m));
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test]
    public async Task A_503_scripted_through_the_sandboxes_control_API_is_retried_and_the_day_books()
    {
        using var control = new HttpClient { BaseAddress = _rig.Vendors.Sandbox.BaseAddress };
        var scripted = await control.PostAsJsonAsync(
            "_sandbox/faults",
            new { vendor = "xero", route = "manualjournals.put", kind = "Status", status = 503, times = 1 });
        Assert.That(scripted.IsSuccessStatusCode, Is.True, await scripted.Content.ReadAsStringAsync());

        var posted = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        var puts = _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Where(r => r.Method == "PUT").ToList();
        Assert.That(puts.Select(p => p.Status), Is.EqualTo(new[] { 503, 200 }), "Xero's 503, then the retry with the same Idempotency-Key");
        Assert.That(puts.Select(p => p.Headers["Idempotency-Key"]).Distinct().Count(), Is.EqualTo(1));
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Id.ToString(), Is.EqualTo(posted.Value!.AccountingId));
    }

    [Test]
    public async Task The_same_day_booked_again_gets_Xeros_first_answer_and_no_second_journal()
    {
        var first = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);
        var again = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(again.Value!.AccountingId, Is.EqualTo(first.Value!.AccountingId));
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_200_with_ValidationErrors_ends_ACCOUNTING_REJECTED_with_Xeros_message()
    {
        // Till differences (861) is an expense account: Xero refuses a sales tax type on it, which PosSync cannot see before sending.
        var entry = Monday() with
        {
            Lines = [new("611", 12.00m, 0m, null, "Card"), new("861", 0m, 10.00m, "OUTPUT2", "Sales"), new("820", 0m, 2.00m, "OUTPUT2", "VAT 20 %")],
        };

        var posted = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("The TaxType code 'OUTPUT2' cannot be used with account code '861'."));
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId), Is.Empty);
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test]
    public async Task A_day_refused_for_an_account_Xero_lacks_books_once_the_client_adds_it_within_the_ten_minutes_the_chart_is_kept()
    {
        var entry = Monday() with
        {
            Lines = [
                new("611", 12.00m, 0m, null, "Card"),
                new("204", 0m, 10.00m, "OUTPUT2", "Sales events 20 %"),
                new("820", 0m, 2.00m, "OUTPUT2", "VAT 20 %")],
        };
        var refused = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);
        _rig.Organisation.Accounts.Add(new XeroAccount(Guid.NewGuid(), "204", "Sales - Events", "REVENUE", "REVENUE", "OUTPUT2"));

        var retried = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);

        Assert.That(refused.Failure!.Message, Does.Contain("Xero has no active account with code 204"));
        Assert.That(retried.Failure, Is.Null, retried.Failure?.Message);
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Lines.Select(l => l.AccountCode), Does.Contain("204"));
    }

    [Test]
    public async Task A_day_Xero_refused_books_once_the_client_fixes_the_tax_rate_in_Xero_and_is_not_given_the_old_refusal_again()
    {
        // Xero refuses a sales tax type on the expense account 861; the client then lets OUTPUT2 apply to expenses.
        var entry = Monday() with
        {
            Lines = [new("611", 12.00m, 0m, null, "Card"), new("861", 0m, 10.00m, "OUTPUT2", "Sales"), new("820", 0m, 2.00m, "OUTPUT2", "VAT 20 %")],
        };
        var refused = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);
        var rates = _rig.Organisation.TaxRates;
        rates[rates.FindIndex(r => r.TaxType == "OUTPUT2")] = new XeroTaxRate(
            "OUTPUT2", "20% (VAT on Income)", 20m, CanApplyToRevenue: true, CanApplyToExpenses: true);

        var retried = await _rig.Target.PostAsync(_rig.Context(), entry, CancellationToken.None);

        Assert.That(refused.Failure!.Message, Does.Contain("The TaxType code 'OUTPUT2' cannot be used with account code '861'."));
        Assert.That(retried.Failure, Is.Null, retried.Failure?.Message);
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId), Has.Count.EqualTo(1));
        var puts = _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Where(r => r.Method == "PUT").ToList();
        Assert.That(
            puts.Select(p => p.Headers["Idempotency-Key"]).Distinct().Count(),
            Is.EqualTo(2),
            "the fixed chart is a new revision, so a new key");
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    /// <summary>The café's two shops as options of Xero's tracking category "Location", a third shop closed (its option archived).</summary>
    private ConnectorContext Tracked(string locationId, string locationName, params (string Name, string Value)[] options)
    {
        _rig.Organisation.TrackingCategories.Add(new XeroTrackingCategory(Guid.NewGuid(), "Location",
        [
            new XeroTrackingOption(Guid.NewGuid(), "Centre"), new XeroTrackingOption(Guid.NewGuid(), "Gare du Nord"),
            new XeroTrackingOption(Guid.NewGuid(), "Bastille", "ARCHIVED"),
        ]));
        var settings = new Dictionary<string, string> { [XeroTarget.TrackingCategoryOption] = "location" };
        foreach (var (name, value) in options) settings[name] = value;
        return _rig.Context(settings) with { LocationId = locationId, LocationName = locationName };
    }

    [Test]
    public async Task A_tracked_location_puts_its_name_as_the_option_of_every_line_in_Xeros_own_spelling()
    {
        var posted = await _rig.Target.PostAsync(Tracked("loc-1", "centre"), Monday(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        var lines = _rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Lines;
        Assert.That(
            lines.Select(l => (l.Tracking!.Single().Category.Name, l.Tracking!.Single().Option.Name)),
            Has.All.EqualTo(("Location", "Centre")));
        var calls = _rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Select(r => r.Path).ToList();
        Assert.That(calls, Has.One.EqualTo("/xero" + XeroSandbox.Api + "/TrackingCategories?includeArchived=true"));
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test]
    public async Task A_locations_tracking_option_setting_names_its_option()
    {
        var context = Tracked("loc-2", "Gare", (XeroTarget.TrackingOptionPrefix + "loc-2", "Gare du Nord"));

        var posted = await _rig.Target.PostAsync(context, Monday(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(
            _rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Lines.Select(l => l.Tracking!.Single().Option.Name),
            Has.All.EqualTo("Gare du Nord"));
    }

    [TestCase(
        "Soho",
        "Xero's tracking category \"Location\" has no option \"Soho\" (the name of location loc-3); its options are: " +
            "Centre (ACTIVE), Gare du Nord (ACTIVE), Bastille (ARCHIVED)")]
    [TestCase("Bastille", "The option \"Bastille\" of Xero's tracking category \"Location\" (the name of location loc-3) is ARCHIVED")]
    public async Task A_location_whose_option_Xero_lacks_or_archived_is_refused_before_sending(string locationName, string message)
    {
        var posted = await _rig.Target.PostAsync(Tracked("loc-3", locationName), Monday(), CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain(message));
        Assert.That(_rig.Vendors.Sandbox.Journal.All(XeroSandbox.Vendor).Where(r => r.Method == "PUT"), Is.Empty);
    }

    [Test]
    public async Task A_tracking_category_Xero_lacks_is_refused_naming_the_ones_it_has()
    {
        var context = Tracked("loc-1", "Centre") with { Options = new Dictionary<string, string> { [XeroTarget.TrackingCategoryOption] = "Region" } };

        var posted = await _rig.Target.PostAsync(context, Monday(), CancellationToken.None);

        Assert.That(
            posted.Failure!.Message,
            Does.Contain(
                "Xero has no tracking category named \"Region\" (accounting.options.tracking_category); the organisation's are: Location (ACTIVE)"));
    }

    [Test]
    public async Task A_replacement_voids_the_old_journal_and_books_the_day_under_its_R1_number()
    {
        var first = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        var removed = await _rig.Target.RemoveAsync(_rig.Context(), first.Value!.AccountingId, CancellationToken.None);
        var replacement = await _rig.Target.PostAsync(_rig.Context(), Monday("POS-corner-20261130-R1"), CancellationToken.None);
        var removedAgain = await _rig.Target.RemoveAsync(_rig.Context(), first.Value.AccountingId, CancellationToken.None);

        Assert.That(removed.Failure, Is.Null, removed.Failure?.Message);
        Assert.That(removedAgain.Failure, Is.Null, "voiding a voided journal changes nothing");
        var journals = _rig.Sandbox.Journals(_rig.Organisation.TenantId);
        Assert.That(journals.Select(j => (j.Id.ToString(), j.Status)), Is.EqualTo(new[]
        {
            (first.Value.AccountingId, "VOIDED"), (replacement.Value!.AccountingId, "POSTED"),
        }));
        Assert.That(journals[1].Narration, Does.Contain("POS-corner-20261130-R1"));
        _rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test]
    public async Task A_draft_status_setting_creates_the_journal_as_a_draft()
    {
        var posted = await _rig.Target.PostAsync(
            _rig.Context(new Dictionary<string, string> { [XeroTarget.StatusOption] = "DRAFT" }),
            Monday(),
            CancellationToken.None);

        Assert.That(posted.Failure, Is.Null);
        Assert.That(_rig.Sandbox.Journals(_rig.Organisation.TenantId).Single().Status, Is.EqualTo("DRAFT"));
    }

    [Test]
    public async Task A_tenant_the_connection_does_not_reach_is_refused_naming_the_ones_it_does()
    {
        var posted = await _rig.Target.PostAsync(
            _rig.Context(new Dictionary<string, string> { [XeroTarget.TenantOption] = "Other Ltd" }),
            Monday(),
            CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("Other Ltd").And.Contain("Corner Café Ltd"));
    }

    [Test]
    public async Task A_revoked_consent_ends_ACCOUNTING_AUTH_so_the_client_reconnects()
    {
        _rig.Sandbox.OAuth.RevokeAll(XeroRig.Account);

        var posted = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_AUTH"));
    }

    [Test]
    public async Task An_expired_access_token_is_refreshed_with_Xeros_token_endpoint_and_the_day_books()
    {
        var oauth = _rig.Sandbox.OAuth;
        oauth.AccessLifetime = TimeSpan.FromMilliseconds(1);
        await XeroWorld.ConnectAsync(_rig.Vendors.Sandbox, _rig.Connections, XeroRig.ConsumerId);
        oauth.AccessLifetime = TimeSpan.FromMinutes(30);
        await Task.Delay(20);
        var issued = oauth.TokensIssued;

        var posted = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(posted.Failure, Is.Null, posted.Failure?.Message);
        Assert.That(oauth.TokensIssued, Is.EqualTo(issued + 1), "one refresh");
    }

    [Test]
    public async Task Garbage_from_Xero_is_one_clear_failure_naming_it()
    {
        _rig.Sandbox.Faults.Next("taxrates", new Fault(FaultKind.Garbage));

        var posted = await _rig.Target.PostAsync(_rig.Context(), Monday(), CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_INVALID_DATA"));
        Assert.That(posted.Failure.Message, Does.Contain("get-tax-rates"));
    }
}

/// <summary>
/// Xero's 5 calls in progress per tenant, kept by the client (Vendors:Xero:ConcurrentRequests), with Xero taking its
/// time to answer.
/// </summary>
[NonParallelizable]
public sealed class XeroConcurrencyTests
{
    private static JournalEntry Day(DateOnly day, decimal net) => new()
    {
        Number = $"POS-corner-{day:yyyyMMdd}", Date = day, Journal = "POS", Currency = "GBP",
        Lines = [
            new("611", net * 1.2m, 0m, null, "Card"),
            new("201", 0m, net, "OUTPUT2", "Sales food 20 %"),
            new("820", 0m, net * 0.2m, "OUTPUT2", "VAT 20 %")],
    };

    private static async Task<List<string>> ExportTwelveDaysAtOnceAsync(XeroRig rig)
    {
        rig.Organisation.WorkTime = TimeSpan.FromMilliseconds(150);
        var first = new DateOnly(2026, 11, 1);
        var posted = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => rig.Target.PostAsync(rig.Context(), Day(first.AddDays(i), 100m + i), CancellationToken.None))));
        return posted.Where(p => p.Failure is not null).Select(p => p.Failure!.Message).ToList();
    }

    [Test, CancelAfter(60_000)]
    public async Task Twelve_days_exported_at_once_keep_to_5_calls_in_progress_and_all_book_without_a_concurrent_429()
    {
        await using var rig = await XeroRig.StartAsync();

        var failed = await ExportTwelveDaysAtOnceAsync(rig);

        Assert.That(failed, Is.Empty);
        Assert.That(rig.Sandbox.Journals(rig.Organisation.TenantId), Has.Count.EqualTo(12));
        Assert.That(rig.Sandbox.RateLimitedBy("concurrent"), Is.Zero, "no 429 for calls in progress");
        Assert.That(rig.Organisation.PeakInFlight, Is.InRange(2, 5), "calls overlapped, never more than Xero's 5");
        rig.AssertEveryAccountingCallKeptToTheContract();
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_the_clients_limit_the_same_export_meets_Xeros_concurrent_429()
    {
        await using var rig = await XeroRig.StartAsync(concurrent: null);

        var failed = await ExportTwelveDaysAtOnceAsync(rig);

        Assert.That(failed, Is.Empty, "the 429s are waited out");
        Assert.That(rig.Sandbox.RateLimitedBy("concurrent"), Is.Positive, "what the limit in the client avoids");
    }
}

/// <summary>A long back-fill against Xero's per-tenant minute limit (the window shortened to a second, the limit kept at 60).</summary>
[NonParallelizable]
public sealed class XeroBackfillTests
{
    [Test, CancelAfter(60_000)]
    public async Task The_minute_limit_is_respected_under_a_200_day_backfill_with_0_failed_days()
    {
        await using var rig = await XeroRig.StartAsync(perWindow: 60, windowSeconds: 1);
        rig.Organisation.Minute = TimeSpan.FromSeconds(1);
        var first = new DateOnly(2026, 5, 1);

        var failed = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var day = first.AddDays(i);
            var net = 100m + i;
            var entry = new JournalEntry
            {
                Number = $"POS-corner-{day:yyyyMMdd}", Date = day, Journal = "POS", Currency = "GBP",
                Lines = [
                    new("611", net * 1.2m, 0m, null, "Card"),
                    new("201", 0m, net, "OUTPUT2", "Sales food 20 %"),
                    new("820", 0m, net * 0.2m, "OUTPUT2", "VAT 20 %")],
            };
            var posted = await rig.Target.PostAsync(rig.Context(), entry, CancellationToken.None);
            if (posted.Failure is { } failure) failed.Add($"{day}: {failure.Message}");
        }

        Assert.That(failed, Is.Empty);
        Assert.That(rig.Sandbox.Journals(rig.Organisation.TenantId), Has.Count.EqualTo(200));
        Assert.That(
            rig.Vendors.Sandbox.Journal.BusiestWindow(XeroSandbox.Vendor, TimeSpan.FromSeconds(1)),
            Is.LessThanOrEqualTo(61),
            "at most the limit in any window, the token call aside");
        TestContext.Out.WriteLine($"429s answered: {rig.Sandbox.RateLimitedRequests}");
    }
}
