using PosSync.Connectors.Xero;
using PosSync.Contracts;
using PosSync.Sandbox.Xero;

namespace PosSync.Connectors.Tests;

/// <summary>
/// Sales lines split into as few journal lines as it takes for Xero, rounding VAT line by line as the sandbox does,
/// to derive PosSync's VAT per tax type and net per account to the penny.
/// </summary>
public sealed class XeroVatSplitTests
{
    private static readonly XeroChart Chart = new(
        new Dictionary<string, XeroChartAccount>
        {
            ["201"] = new("201", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["202"] = new("202", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["203"] = new("203", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["204"] = new("204", "REVENUE", "REVENUE", "", "ACTIVE"),
            ["611"] = new("611", "CURRENT", "ASSET", "", "ACTIVE"),
            ["820"] = new("820", "CURRLIAB", "LIABILITY", "GST", "ACTIVE"),
        },
        new Dictionary<string, XeroChartTaxRate>
        {
            ["OUTPUT2"] = new("OUTPUT2", 20m, true, "ACTIVE"),
            ["RROUTPUT"] = new("RROUTPUT", 5m, true, "ACTIVE"),
            ["ZERORATEDOUTPUT"] = new("ZERORATEDOUTPUT", 0m, true, "ACTIVE"),
        });

    private static readonly Dictionary<string, decimal> Rates = new()
    {
        ["OUTPUT2"] = 20m,
        ["RROUTPUT"] = 5m,
        ["ZERORATEDOUTPUT"] = 0m,
        ["NONE"] = 0m
    };

    private static JournalEntry Entry(params JournalLine[] lines) =>
        new() { Number = "POS-pub-20261130", Date = new DateOnly(2026, 11, 30), Journal = "POS", Currency = "GBP", Lines = lines };

    /// <summary>The sales of one rate and their VAT, as a day of a POS that rounds VAT per item: card takes the gross.</summary>
    private static JournalEntry Day(decimal net, decimal vat, string taxType = "OUTPUT2") => net + vat >= 0
        ? Entry(new("611", net + vat, 0m, null, "Card"), new("201", 0m, net, taxType, "Sales 20 %"), new("820", 0m, vat, taxType, "VAT 20 %"))
        : Entry(
            new("611", 0m, -(net + vat), null, "Card refund"),
            new("201", -net, 0m, taxType, "Sales 20 %"),
            new("820", -vat, 0m, taxType, "VAT 20 %"));

    /// <summary>What Xero books from the journal, line by line as the sandbox computes it: net per account, tax per tax type.</summary>
    private static (Dictionary<string, decimal> Net, Dictionary<string, decimal> Tax) Booked(XeroManualJournal journal)
    {
        var net = new Dictionary<string, decimal>();
        var tax = new Dictionary<string, decimal>();
        foreach (var line in journal.Lines)
        {
            var derived = XeroTax.Amount(journal.LineAmountTypes, line.LineAmount, Rates[line.TaxType]);
            net[line.AccountCode] = net.GetValueOrDefault(line.AccountCode) + line.LineAmount - derived;
            tax[line.TaxType] = tax.GetValueOrDefault(line.TaxType) + derived;
        }
        return (net, tax);
    }

    private static void AssertAgrees(JournalEntry entry, XeroMapping mapping)
    {
        Assert.That(mapping.Refusal, Is.Null);
        var (net, tax) = Booked(mapping.Journal!);
        Assert.That(mapping.Journal!.Lines.Sum(l => l.LineAmount), Is.EqualTo(0m), "the journal balances");
        foreach (var line in entry.Lines.Where(l => l.Account != "820").GroupBy(l => l.Account))
            Assert.That(net[line.Key], Is.EqualTo(line.Sum(l => l.Debit - l.Credit)), $"Xero's net of account {line.Key}");
        foreach (var vat in entry.Lines.Where(l => l.Account == "820").GroupBy(l => l.VatCode!))
            Assert.That(tax[vat.Key], Is.EqualTo(vat.Sum(l => l.Debit - l.Credit)), $"Xero's {vat.Key} tax");
    }

    [Test]
    public void Three_meals_at_16_95_whose_VAT_Square_rounded_per_meal_book_to_the_penny_on_three_lines()
    {
        // 16.95 × 1/6 = 2.825 → 2.83 per meal: 8.49 of VAT on 42.36 net, where one line of 50.85 gives Xero 8.47.
        var entry = Day(42.36m, 8.49m);

        var mapping = XeroJournalMapping.Map(entry, Chart, "POSTED");

        AssertAgrees(entry, mapping);
        var sales = mapping.Journal!.Lines.Where(l => l.AccountCode == "201").ToList();
        Assert.That(sales.Select(l => l.Description), Is.EqualTo(new[] { "Sales 20 % (1/3)", "Sales 20 % (2/3)", "Sales 20 % (3/3)" }));
        Assert.That(sales.Select(l => l.TaxType), Has.All.EqualTo("OUTPUT2"));
    }

    /// <summary>
    /// 250.00 net at 20 % is 50.00 of VAT exactly; the POS's VAT differs by d pennies. A line of net n carries up
    /// to 0.6 of a penny more VAT than n × 20 % (the midpoint rounds away from zero) but only 0.4 less, so d pennies
    /// more take ⌈d / 0.6⌉ lines and d pennies less ⌈d / 0.4⌉ (for a refund, the other way round).
    /// </summary>
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(3, 5)]
    [TestCase(5, 9)]
    [TestCase(8, 14)]
    [TestCase(-1, 3)]
    [TestCase(-2, 5)]
    [TestCase(-3, 8)]
    [TestCase(-5, 13)]
    [TestCase(-8, 20)]
    public void A_discrepancy_of_d_pennies_books_to_the_penny_on_the_fewest_lines(int pennies, int lines)
    {
        var entry = Day(250.00m, 50.00m + pennies * 0.01m);

        var mapping = XeroJournalMapping.Map(entry, Chart, "POSTED");

        AssertAgrees(entry, mapping);
        Assert.That(mapping.Journal!.Lines.Count(l => l.AccountCode == "201"), Is.EqualTo(lines));
    }

    [TestCase(-42.36, -8.49, TestName = "A refund day of three meals books to the penny with Xero's signs")]
    [TestCase(-250.00, -50.05, TestName = "A refund day five pennies off books to the penny")]
    [TestCase(-250.00, -49.95, TestName = "A refund day five pennies under books to the penny")]
    public void Refund_days_book_to_the_penny(decimal net, decimal vat)
    {
        var entry = Day(net, vat);

        var mapping = XeroJournalMapping.Map(entry, Chart, "POSTED");

        AssertAgrees(entry, mapping);
        Assert.That(
            mapping.Journal!.Lines.Where(l => l.AccountCode == "201").Select(l => l.LineAmount),
            Has.All.Positive,
            "a refund's lines stay debits");
    }

    [Test]
    public void A_zero_rated_line_stays_one_line_with_no_tax()
    {
        var entry = Entry(new("611", 30.00m, 0m, null, "Card"), new("204", 0m, 12.34m, "ZERORATEDOUTPUT", "Books 0 %"),
            new("201", 0m, 14.12m, "OUTPUT2", "Sales 20 %"), new("820", 0m, 2.83m, "OUTPUT2", "VAT 20 %"), new("203", 0m, 0.71m, null, "Other"));

        var mapping = XeroJournalMapping.Map(entry, Chart, "POSTED");

        Assert.That(mapping.Journal!.Lines.Count(l => l.AccountCode == "204"), Is.EqualTo(1));
        AssertAgrees(entry, mapping);
    }

    [TestCase("12.34", "0.01", "ZERORATEDOUTPUT", TestName = "VAT at 0 % is refused: no split makes Xero derive it")]
    [TestCase("0.03", "0.05", "OUTPUT2", TestName = "VAT on three pennies of sales beyond what any split of them carries is refused")]
    [TestCase("18.75", "20.00", "OUTPUT2", TestName = "VAT more than the bounded number of added lines carries is refused")]
    public void What_no_split_can_carry_stays_refused(string net, string vat, string taxType)
    {
        var mapping = XeroJournalMapping.Map(Day(decimal.Parse(net), decimal.Parse(vat), taxType), Chart, "POSTED");

        Assert.That(mapping.Journal, Is.Null);
        Assert.That(mapping.Refusal, Does.Contain(taxType).And.Contain($"VAT of {vat}").And.Contain("The day was not sent"));
    }

    /// <summary>
    /// 1,000 busy days of ordinary prices (any penny), VAT rounded per item as Square does, some refunds: every one
    /// books to the penny through Xero's line-by-line rounding, within the bound of added lines.
    /// </summary>
    [Test]
    public void A_thousand_random_days_of_ordinary_prices_all_book_to_the_penny()
    {
        var random = new Random(20261130);
        string[] accounts = ["201", "202", "203", "204"];
        string[] taxTypes = ["OUTPUT2", "OUTPUT2", "RROUTPUT", "ZERORATEDOUTPUT"];
        var mostAdded = 0;
        for (var day = 0; day < 1000; day++)
        {
            var net = new decimal[4];
            var vat = new Dictionary<string, decimal>();
            var orders = random.Next(1, 81);
            for (var order = 0; order < orders; order++)
            {
                var sign = random.Next(20) == 0 ? -1 : 1;
                for (var item = random.Next(1, 5); item > 0; item--)
                {
                    var kind = random.Next(100) switch { < 55 => 0, < 85 => 1, < 95 => 2, _ => 3 };
                    var gross = sign * random.Next(50, 3000) * 0.01m;
                    var itemVat = XeroTax.Amount("Inclusive", gross, Rates[taxTypes[kind]]);
                    net[kind] += gross - itemVat;
                    vat[taxTypes[kind]] = vat.GetValueOrDefault(taxTypes[kind]) + itemVat;
                }
            }
            var lines = new List<JournalLine>();
            var total = net.Sum() + vat.Values.Sum();
            lines.Add(total >= 0 ? new("611", total, 0m, null, "Card") : new("611", 0m, -total, null, "Card refund"));
            for (var k = 0; k < 4; k++)
                if (net[k] != 0) lines.Add(Line(accounts[k], -net[k], taxTypes[k], $"Sales {k}"));
            foreach (var (taxType, amount) in vat)
                if (amount != 0) lines.Add(Line("820", -amount, taxType, $"VAT {taxType}"));
            var entry = Entry([.. lines]);

            var mapping = XeroJournalMapping.Map(entry, Chart, "POSTED");

            Assert.That(mapping.Refusal, Is.Null, $"day {day}: {orders} orders");
            AssertAgrees(entry, mapping);
            mostAdded = Math.Max(mostAdded, mapping.Journal!.Lines.Count - lines.Count(l => l.Account != "820"));
        }
        Assert.That(mostAdded, Is.LessThanOrEqualTo(XeroVatSplit.MaxAddedLines));
        TestContext.Out.WriteLine($"Most journal lines added to a day: {mostAdded}");
    }

    /// <summary>A line in Xero's sign: positive a debit, negative a credit.</summary>
    private static JournalLine Line(string account, decimal signed, string? taxType, string label) =>
        signed >= 0 ? new(account, signed, 0m, taxType, label) : new(account, 0m, -signed, taxType, label);
}
