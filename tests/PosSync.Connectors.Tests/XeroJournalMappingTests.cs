using PosSync.Connectors.Xero;
using PosSync.Contracts;

namespace PosSync.Connectors.Tests;

/// <summary>PosSync's entry → Xero manual journal, a pure function: the VAT Xero derives must be the entry's, to the cent.</summary>
public sealed class XeroJournalMappingTests
{
    private static readonly XeroChart Chart = new(
        new Dictionary<string, XeroChartAccount>
        {
            ["090"] = new("090", "BANK", "ASSET", "", "ACTIVE"),
            ["201"] = new("201", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["202"] = new("202", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["203"] = new("203", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["204"] = new("204", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["611"] = new("611", "CURRENT", "ASSET", "", "ACTIVE"),
            ["612"] = new("612", "CURRENT", "ASSET", "", "ACTIVE"),
            ["820"] = new("820", "CURRLIAB", "LIABILITY", "GST", "ACTIVE"),
            ["825"] = new("825", "CURRLIAB", "LIABILITY", "", "ACTIVE"),
            ["899"] = new("899", "REVENUE", "REVENUE", "", "ARCHIVED"),
        },
        new Dictionary<string, XeroChartTaxRate>
        {
            ["OUTPUT2"] = new("OUTPUT2", 20m, true, "ACTIVE"),
            ["RROUTPUT"] = new("RROUTPUT", 5m, true, "ACTIVE"),
            ["ZERORATEDOUTPUT"] = new("ZERORATEDOUTPUT", 0m, true, "ACTIVE"),
            ["INPUT2"] = new("INPUT2", 20m, false, "ACTIVE"),
        });

    private static JournalEntry Entry(params JournalLine[] lines) =>
        new() { Number = "POS-1-20261130", Date = new DateOnly(2026, 11, 30), Journal = "POS", Currency = "GBP", Lines = lines };

    private static JournalLine Debit(string account, decimal amount, string label = "Card") => new(account, amount, 0m, null, label);
    private static JournalLine Credit(string account, decimal amount, string? vat, string label = "Sales") => new(account, 0m, amount, vat, label);

    [Test]
    public void A_day_at_one_rate_is_sent_tax_inclusive_with_the_vat_line_folded_into_its_sales_line()
    {
        var mapping = XeroJournalMapping.Map(
            Entry(Debit("611", 120m), Credit("201", 100m, "OUTPUT2"), Credit("820", 20m, "OUTPUT2", "VAT 20 %")),
            Chart,
            "POSTED");

        Assert.That(mapping.Refusal, Is.Null);
        var journal = mapping.Journal!;
        Assert.That(journal.LineAmountTypes, Is.EqualTo("Inclusive"));
        Assert.That(journal.Status, Is.EqualTo("POSTED"));
        Assert.That(journal.Lines.Select(l => (l.AccountCode, l.LineAmount, l.TaxType)),
            Is.EqualTo(new[] { ("611", 120m, "NONE"), ("201", -120m, "OUTPUT2") }));
        Assert.That(journal.ExpectedTax["OUTPUT2"], Is.EqualTo(-20m));
    }

    /// <summary>Net per line and VAT per rate as PosSync computed them; Xero must derive the same from the amounts sent.</summary>
    [TestCase("412.37", "156.25", "113.72", true, TestName = "Two sales lines whose VAT Xero derives as PosSync rounded it agree")]
    [TestCase("10.42", "8.33", "3.75", true, TestName = "Two small sales lines whose per-line roundings sum to the rate's VAT agree")]
    [TestCase("10.42", "8.33", "3.76", true, TestName = "A cent of VAT the POS summed per item is placed on a line where Xero derives it too")]
    [TestCase("10.42", "8.33", "3.80", true, TestName = "Five cents of VAT the POS rounded item by item are carried by splitting the sales lines")]
    [TestCase("10.42", "8.33", "7.80", false, TestName = "VAT far beyond what the bounded number of journal lines can carry is refused")]
    public void The_vat_of_a_rate_is_split_over_its_sales_lines_so_that_Xero_derives_it_to_the_cent(
        string food,
        string drinks,
        string vat,
        bool agrees)
    {
        var (f, d, v) = (decimal.Parse(food), decimal.Parse(drinks), decimal.Parse(vat));
        var mapping = XeroJournalMapping.Map(
            Entry(Debit("611", f + d + v), Credit("201", f, "OUTPUT2"), Credit("202", d, "OUTPUT2"), Credit("820", v, "OUTPUT2")),
            Chart,
            "POSTED");

        if (!agrees)
        {
            Assert.That(mapping.Journal, Is.Null);
            Assert.That(mapping.Refusal, Does.Contain("OUTPUT2").And.Contain("7.80").And.Contain("was not sent"));
            return;
        }
        var lines = mapping.Journal!.Lines;
        Assert.That(lines.Sum(l => l.LineAmount), Is.EqualTo(0m), "the journal balances as Xero checks an Inclusive one");
        var taxed = lines.Where(l => l.TaxType == "OUTPUT2").ToList();
        var derived = taxed.Select(l => XeroJournalMapping.DerivedTax(l.LineAmount, 20m)).ToList();
        Assert.That(derived.Sum(), Is.EqualTo(-v), "Xero's VAT for the rate is the entry's");
        Assert.That(
            taxed.Zip(derived).GroupBy(p => p.First.AccountCode).Select(g => g.Sum(p => p.First.LineAmount - p.Second)), Is.EqualTo(new[] { -f, -d }),
            "Xero's net per account is the entry's");
    }

    [Test]
    public void A_zero_rated_line_carries_its_tax_type_and_no_tax()
    {
        var mapping = XeroJournalMapping.Map(Entry(Debit("612", 12.5m), Credit("201", 12.5m, "ZERORATEDOUTPUT")), Chart, "DRAFT");

        Assert.That(
            mapping.Journal!.Lines.Select(l => (l.AccountCode, l.LineAmount, l.TaxType)),
            Is.EqualTo(new[] { ("612", 12.5m, "NONE"), ("201", -12.5m, "ZERORATEDOUTPUT") }));
        Assert.That(mapping.Journal.Status, Is.EqualTo("DRAFT"));
    }

    [Test]
    public void A_refund_day_keeps_xeros_signs_debits_positive_credits_negative()
    {
        var mapping = XeroJournalMapping.Map(Entry(Credit("611", 24m, null, "Card refund"),
            new JournalLine("201", 20m, 0m, "OUTPUT2", "Sales"), new JournalLine("820", 4m, 0m, "OUTPUT2", "VAT 20 %")), Chart, "POSTED");

        Assert.That(mapping.Journal!.Lines.Select(l => (l.AccountCode, l.LineAmount)), Is.EqualTo(new[] { ("611", -24m), ("201", 24m) }));
    }

    [TestCase("999", null, "no active account with code 999", TestName = "An account Xero does not have is refused before sending")]
    [TestCase("899", null, "no active account with code 899", TestName = "An archived account is refused before sending")]
    [TestCase("090", null, "the bank account 090", TestName = "A line on a bank account is refused, since Xero refuses it in manual journals")]
    [TestCase("202", "FR20", "no active tax rate with TaxType FR20", TestName = "A VAT code that is no Xero tax type is refused")]
    [TestCase("202", "INPUT2", "cannot be used on revenue account 202", TestName = "An expense tax type on a sales account is refused")]
    public void What_Xero_cannot_book_as_the_entry_says_is_refused_with_the_reason(string account, string? vat, string reason)
    {
        var mapping = XeroJournalMapping.Map(Entry(Debit("611", 10m), Credit(account, 10m, vat)), Chart, "POSTED");

        Assert.That(mapping.Journal, Is.Null);
        Assert.That(mapping.Refusal, Does.Contain(reason));
    }

    [Test]
    public void Vat_booked_without_a_sales_line_of_its_rate_is_refused()
    {
        var mapping = XeroJournalMapping.Map(Entry(Debit("611", 12m), Credit("201", 10m, "RROUTPUT"), Credit("820", 2m, "OUTPUT2")), Chart, "POSTED");

        Assert.That(mapping.Refusal, Does.Contain("VAT with tax type OUTPUT2 on no sales line"));
    }

    [Test]
    public void The_idempotency_key_is_the_same_for_the_same_journal_and_new_for_a_changed_one()
    {
        var first = XeroTarget.IdempotencyKey("tenant-1", "POS-1-20261130", "{\"a\":1}");

        Assert.That(XeroTarget.IdempotencyKey("tenant-1", "POS-1-20261130", "{\"a\":1}"), Is.EqualTo(first));
        Assert.That(XeroTarget.IdempotencyKey("tenant-1", "POS-1-20261130", "{\"a\":2}"), Is.Not.EqualTo(first));
        Assert.That(XeroTarget.IdempotencyKey(new string('t', 200), "POS-1-20261130", "{}").Length, Is.LessThanOrEqualTo(128));
    }

    private static readonly XeroChart Tracked = Chart with
    {
        TrackingCategories =
        [
            new("Shop", "ACTIVE", [new("Soho", "ACTIVE"), new("Camden", "ARCHIVED")]),
            new("Region", "ARCHIVED", [new("London", "ACTIVE")]),
        ],
    };

    [TestCase("shop", "SOHO", null, TestName = "Tracking by a category and option Xero has, in any case, is sent in Xero's spelling")]
    [TestCase(
        "Department",
        "Soho",
        "Xero has no tracking category named \"Department\" (accounting.options.tracking_category); the organisation's are: " +
            "Shop (ACTIVE), Region (ARCHIVED).")]
    [TestCase(
        "Region",
        "London",
        "Xero's tracking category \"Region\" (accounting.options.tracking_category) is ARCHIVED; make it active in Xero or name another.")]
    [TestCase("Shop", "Brixton",
        "Xero's tracking category \"Shop\" has no option \"Brixton\" (the name of location L1); its options are: Soho (ACTIVE), Camden (ARCHIVED). "
        + "Add the option in Xero or set accounting.options.tracking_option.{location id}.")]
    [TestCase(
        "Shop",
        "Camden",
        "The option \"Camden\" of Xero's tracking category \"Shop\" (the name of location L1) is ARCHIVED; make it active in Xero or name another.")]
    public void Every_line_carries_the_locations_tracking_when_Xero_has_it_active(string category, string option, string? refusal)
    {
        var mapping = XeroJournalMapping.Map(
            Entry(Debit("611", 120m), Credit("201", 100m, "OUTPUT2"), Credit("820", 20m, "OUTPUT2", "VAT 20 %")), Tracked, "POSTED",
            new XeroTracking(category, option, "the name of location L1"));

        Assert.That(mapping.Refusal, Is.EqualTo(refusal));
        if (refusal is null)
            Assert.That(mapping.Journal!.Lines.Select(l => (l.Tracking!.Category, l.Tracking.Option)), Has.All.EqualTo(("Shop", "Soho")));
    }

    [Test]
    public void The_tracking_is_part_of_the_charts_revision()
    {
        var archived = Tracked with { TrackingCategories = [new("Shop", "ACTIVE", [new("Soho", "ARCHIVED"), new("Camden", "ARCHIVED")])] };

        var soho = new XeroTracking("Shop", "Soho", "the name of location L1");

        Assert.That(archived.Signature(["201"], ["OUTPUT2"], soho), Is.Not.EqualTo(Tracked.Signature(["201"], ["OUTPUT2"], soho)));
    }

    [Test]
    public void The_charts_revision_holds_only_what_the_journal_uses()
    {
        var added = Chart with
        {
            Accounts = new Dictionary<string, XeroChartAccount>(Chart.Accounts) { ["700"] = new("700", "EXPENSE", "EXPENSE", "", "ACTIVE") }
        };
        var archived = Chart with
        {
            Accounts = new Dictionary<string, XeroChartAccount>(Chart.Accounts) { ["201"] = new("201", "REVENUE", "REVENUE", "", "ARCHIVED") }
        };
        var revision = Chart.Signature(["611", "201", "820"], ["NONE", "OUTPUT2"], null);

        Assert.That(added.Signature(["611", "201", "820"], ["NONE", "OUTPUT2"], null), Is.EqualTo(revision), "an account the journal does not use");
        Assert.That(archived.Signature(["611", "201", "820"], ["NONE", "OUTPUT2"], null), Is.Not.EqualTo(revision), "an account the journal uses");
    }
}
