using PosSync.Connectors.Pennylane;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Sandbox;
using PosSync.Sandbox.Pennylane;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

public class PennylaneTests
{
    private static JournalEntry S01Entry(string date = "2025-03-14") =>
        BookingEngine.Book(ReferenceConfiguration.Load(c => VendorWorld.Configure(c)), BookingScenarios.S01Day(date, VendorWorld.Centre)).Entry!;

    [Test]
    public async Task An_entry_is_posted_in_the_journal_with_its_number_as_piece_number_and_its_lines()
    {
        await using var rig = await ConnectorRig.StartAsync();

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        var entry = rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account).Single();
        Assert.That(posted.Value, Is.EqualTo(new PostedEntry(entry.Id.ToString(), AlreadyExisted: false)));
        Assert.That((entry.PieceNumber, entry.Date), Is.EqualTo(("POS-1001-20250314", new DateOnly(2025, 3, 14))));
        Assert.That(entry.Lines.Select(l => (l.AccountNumber, l.Debit, l.Credit)), Is.EquivalentTo(new[]
        {
            ("511200", 33.00m, 0m), ("530000", 22.00m, 0m), ("706100", 0m, 50.00m), ("445712", 0m, 5.00m),
        }));
        var post = rig.Vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Single(r => r.Method == "POST" && r.Path.Contains("ledger_entries"));
        Assert.That(post.Headers["X-Use-2026-API-Changes"], Is.EqualTo("true"));
    }

    [Test]
    public async Task Posting_the_same_entry_again_finds_it_and_creates_nothing()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var target = rig.Target<PennylaneTarget>();

        var first = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);
        var again = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(again.Value, Is.EqualTo(first.Value! with { AlreadyExisted = true }));
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Has.Count.EqualTo(1));
    }

    [TestCase(FaultKind.CommitThenFail, TestName = "Pennylane stores the entry and answers 502: the retry finds it, one entry")]
    [TestCase(FaultKind.CommitThenDrop, TestName = "Pennylane stores the entry and the connection drops: the retry finds it, one entry")]
    public async Task A_lost_answer_after_the_entry_was_stored_never_makes_a_second_entry(FaultKind fault)
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(fault, 502));

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Succeeded, Is.True, posted.Failure?.Message);
        Assert.That(posted.Value!.AlreadyExisted, Is.True);
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_5xx_before_anything_was_stored_is_looked_up_then_posted_once()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(FaultKind.Status, 503));

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Value!.AlreadyExisted, Is.False);
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Has.Count.EqualTo(1));
        var calls = rig.Vendors.Sandbox.Journal
            .All(PennylaneSandbox.Vendor).Where(r => r.Path.Contains("ledger_entries"))
            .Select(r => $"{r.Method} {r.Status}")
            .ToList();
        Assert.That(calls, Is.EqualTo(new[] { "GET 200", "POST 503", "GET 200", "POST 201" }), "a look-up before every post");
    }

    [Test]
    public async Task A_first_booking_in_a_closed_period_is_rejected_with_Pennylanes_message_verbatim_and_never_moved()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("The fiscal period is closed"));
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Is.Empty);
    }

    [Test]
    public async Task An_entry_of_more_than_100_lines_is_refused_before_anything_is_sent()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var lines = Enumerable.Range(0, 100).Select(_ => new JournalLine("511200", 1.00m, 0m, null, "Caisse"))
            .Append(new JournalLine("706100", 0m, 100.00m, null, "Ventes")).ToList();

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry() with { Lines = lines }, CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("has 101 lines").And.Contain("at most 100 lines per ledger entry"));
        Assert.That(rig.Vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor), Is.Empty, "refused before calling Pennylane");
    }

    [Test]
    public async Task A_403_at_post_is_an_accounting_auth_failure()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.Faults.Next(
            "ledger_entries.post",
            new Fault(FaultKind.Status, 403, "Access to this resource requires scope \"ledger_entries:all\""));

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_AUTH"));
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Is.Empty);
    }

    [Test]
    public async Task An_account_missing_from_Pennylanes_chart_is_named()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var entry = S01Entry() with { Lines = [.. S01Entry().Lines.Select(l => l.Account == "530000" ? l with { Account = "531000" } : l)] };

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, entry, CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("no ledger account 531000"));
    }

    [Test]
    public async Task A_journal_that_does_not_exist_is_named()
    {
        await using var rig = await ConnectorRig.StartAsync();

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry() with { Journal = "VT" }, CancellationToken.None);

        Assert.That(posted.Failure!.Message, Does.Contain("no journal with code or id VT (settings.journal)"));
    }

    [Test]
    public async Task Removing_an_entry_reverses_it_so_the_day_nets_to_nothing()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var target = rig.Target<PennylaneTarget>();
        var posted = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        var removed = await target.RemoveAsync(rig.Context, posted.Value!.AccountingId, CancellationToken.None);

        var entries = rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account);
        Assert.That(removed.Value, Is.True, removed.Failure?.Message);
        Assert.That(entries.Select(e => e.PieceNumber), Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL" }));
        var net = entries.SelectMany(e => e.Lines).GroupBy(l => l.AccountNumber).Select(g => g.Sum(l => l.Debit - l.Credit));
        Assert.That(net, Is.All.EqualTo(0m));
    }

    [Test]
    public async Task Removing_an_entry_retrieves_it_by_its_id_as_documented_never_by_an_id_filter_on_the_list()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var target = rig.Target<PennylaneTarget>();
        var posted = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        var removed = await target.RemoveAsync(rig.Context, posted.Value!.AccountingId, CancellationToken.None);

        Assert.That(removed.Value, Is.True, removed.Failure?.Message);
        var paths = rig.Vendors.Sandbox.Journal
            .All(PennylaneSandbox.Vendor).Where(r => r.Method == "GET")
            .Select(r => Uri.UnescapeDataString(r.Path))
            .ToList();
        Assert.That(paths, Has.One.EndsWith($"/ledger_entries/{posted.Value.AccountingId}"));
        Assert.That(paths, Has.None.Contains("\"field\":\"id\""));
    }

    [Test]
    public async Task Removing_an_entry_Pennylane_does_not_have_is_rejected_and_names_it()
    {
        await using var rig = await ConnectorRig.StartAsync();

        var removed = await rig.Target<PennylaneTarget>().RemoveAsync(rig.Context, "999999", CancellationToken.None);

        Assert.That(removed.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(removed.Failure.Message, Does.Contain("no ledger entry 999999 to reverse").And.Contain("Couldn't find LedgerEntry"));
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Is.Empty);
    }

    [Test]
    public async Task Removing_an_entry_again_after_a_lost_answer_makes_one_reversal()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var target = rig.Target<PennylaneTarget>();
        var posted = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);
        rig.Vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(FaultKind.CommitThenDrop));

        var first = await target.RemoveAsync(rig.Context, posted.Value!.AccountingId, CancellationToken.None);
        var again = await target.RemoveAsync(rig.Context, posted.Value!.AccountingId, CancellationToken.None);

        Assert.That((first.Value, again.Value), Is.EqualTo((true, true)), first.Failure?.Message + again.Failure?.Message);
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account).Select(e => e.PieceNumber),
            Is.EquivalentTo(new[] { "POS-1001-20250314", "POS-1001-20250314-ANNUL" }));
    }

    [Test]
    public async Task Journals_and_accounts_are_found_across_pages()
    {
        await using var rig = await ConnectorRig.StartAsync();
        for (var i = 0; i < 150; i++) rig.Vendors.Sandbox.Pennylane.AddJournal(VendorWorld.Account, $"J{i:000}", $"Journal {i}");

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Succeeded, Is.True, posted.Failure?.Message);
        Assert.That(rig.Vendors.Sandbox.Journal.All(PennylaneSandbox.Vendor).Count(r => r.Path.Contains("/journals")), Is.EqualTo(2));
    }

    [Test]
    public async Task A_mapped_account_is_found_by_its_exact_number_in_a_chart_of_250_accounts_where_it_sorts_after_the_first_100()
    {
        await using var rig = await ConnectorRig.StartAsync();
        // Sub-accounts created after the mapped ones come first in Pennylane's (descending id) order.
        rig.Vendors.Sandbox.Pennylane.AddAccounts(VendorWorld.Account, [.. Enumerable.Range(1, 250).Select(i => $"511200{i:000}")]);

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Succeeded, Is.True, posted.Failure?.Message);
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account).Single().Lines.Select(l => l.AccountNumber), Does.Contain("511200"));
        var lookups = rig.Vendors.Sandbox.Journal
            .All(PennylaneSandbox.Vendor).Where(r => r.Path.Contains("/ledger_accounts"))
            .Select(r => Uri.UnescapeDataString(r.Path))
            .ToList();
        Assert.That(lookups, Has.All.Contains("\"operator\":\"eq\""), "one exact look-up per account number");
        Assert.That(lookups, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task A_rotating_refresh_token_is_replaced_when_the_access_token_expires()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var before = await rig.Connections.GetAsync("c-brasserie", ConnectionStore.Accounting, CancellationToken.None);
        rig.Vendors.Sandbox.Pennylane.OAuth.AccessLifetime = TimeSpan.Zero;
        await rig.Connections.SaveAsync(
            "c-brasserie", ConnectionStore.Accounting, "pennylane", "at-expired", before!.RefreshToken,
            DateTime.UtcNow.AddHours(1), null, CancellationToken.None);
        rig.Vendors.Sandbox.Pennylane.OAuth.AccessLifetime = TimeSpan.FromHours(24);

        var posted = await rig.Target<PennylaneTarget>().PostAsync(rig.Context, S01Entry(), CancellationToken.None);

        Assert.That(posted.Succeeded, Is.True, posted.Failure?.Message);
        var after = await rig.Connections.GetAsync("c-brasserie", ConnectionStore.Accounting, CancellationToken.None);
        Assert.That(after!.RefreshToken, Is.Not.EqualTo(before.RefreshToken));
    }
}
