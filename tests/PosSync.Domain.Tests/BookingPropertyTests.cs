using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>Properties every booked entry has, checked over thousands of generated days.</summary>
public class BookingPropertyTests
{
    private const int Days = 3000;
    private static readonly string[] BalancingAccounts = ["658100", "758100", "658000", "758000"];

    private static IEnumerable<(ConsumerConfiguration Config, Contracts.ServiceDay Day, int Seed)> GeneratedDays(bool cashRounding = false)
    {
        var configs = new[]
        {
            ReferenceConfiguration.Load(),
            ReferenceConfiguration.Load(c => c["settings"]!["revenue_mode"] = "gross"),
            ReferenceConfiguration.Load(c => { c["settings"]!["tolerance"] = 5m; c["settings"]!["count_authorised_payments"] = true; }),
            ReferenceConfiguration.Load(c => { c["settings"]!["tolerance"] = 0m; c["settings"]!["rounding_threshold"] = 0m; }),
        };
        for (var seed = 0; seed < Days; seed++)
            yield return (configs[seed % configs.Length], new RandomDays(seed) { CashRounding = cashRounding }.Next(), seed);
    }

    [Test]
    public void Every_booked_entry_balances_to_the_cent_with_positive_one_sided_lines()
    {
        var booked = 0;
        foreach (var (config, day, seed) in GeneratedDays())
        {
            var outcome = BookingEngine.Book(config, day);
            if (outcome.Entry is not { } entry) continue;
            booked++;
            Assert.That(entry.TotalDebit, Is.EqualTo(entry.TotalCredit), $"seed {seed}");
            Assert.That(entry.Lines.Count, Is.GreaterThanOrEqualTo(2), $"seed {seed}");
            foreach (var line in entry.Lines)
            {
                Assert.That(line.Debit, Is.GreaterThanOrEqualTo(0m), $"seed {seed}: {line}");
                Assert.That(line.Credit, Is.GreaterThanOrEqualTo(0m), $"seed {seed}: {line}");
                Assert.That(line.Debit == 0 ^ line.Credit == 0, Is.True, $"seed {seed}: one side exactly: {line}");
                Assert.That(decimal.Round(line.Debit + line.Credit, 2), Is.EqualTo(line.Debit + line.Credit), $"seed {seed}: cents only: {line}");
            }
        }
        Assert.That(booked, Is.GreaterThan(Days / 3), "the generator must produce mostly bookable days");
    }

    [Test]
    public void The_same_day_always_gives_the_same_outcome()
    {
        foreach (var (config, day, seed) in GeneratedDays().Take(500))
        {
            var first = BookingOutcomeJson.Write(BookingEngine.Book(config, day));
            var second = BookingOutcomeJson.Write(BookingEngine.Book(config, day with { Orders = day.Orders.Reverse().ToList() }));
            Assert.That(second, Is.EqualTo(first), $"seed {seed}: order of orders must not matter");
        }
    }

    [Test]
    public void The_rounding_or_difference_line_is_exactly_payments_minus_credits()
    {
        var balanced = 0;
        foreach (var (config, day, seed) in GeneratedDays())
        {
            var outcome = BookingEngine.Book(config, day);
            if (outcome.Entry is not { } entry) continue;
            var others = entry.Lines.Where(l => !BalancingAccounts.Contains(l.Account)).ToList();
            var gap = others.Sum(l => l.Debit) - others.Sum(l => l.Credit);
            var balancing = entry.Lines.Where(l => BalancingAccounts.Contains(l.Account)).Sum(l => l.Credit - l.Debit);
            Assert.That(balancing, Is.EqualTo(gap), $"seed {seed}");
            Assert.That(
                Math.Abs(balancing),
                Is.LessThanOrEqualTo(Math.Max(config.Settings.Tolerance, config.Settings.RoundingThreshold)),
                $"seed {seed}");
            if (balancing != 0) balanced++;
        }
        Assert.That(balanced, Is.GreaterThan(100), "the generator must exercise rounding and difference lines");
    }

    [Test]
    public void A_day_is_refused_for_a_sum_mismatch_only_when_the_gap_exceeds_the_tolerance()
    {
        var mismatches = 0;
        foreach (var (config, day, seed) in GeneratedDays())
        {
            var outcome = BookingEngine.Book(config, day);
            if (outcome.Reason?.Code != BookingCodes.SumMismatch) continue;
            mismatches++;
            var gap = Math.Abs((decimal)outcome.Reason.Details!["gap"]!);
            Assert.That(gap, Is.GreaterThan(config.Settings.Tolerance).And.GreaterThan(config.Settings.RoundingThreshold), $"seed {seed}");
            Assert.That(outcome.Reason.Message, Does.StartWith("The sum of all lines does not match"), $"seed {seed}");
        }
        Assert.That(mismatches, Is.GreaterThan(100), "the generator must produce mismatching days too");
    }

    [Test]
    public void Cash_rounding_is_booked_on_its_own_line_and_never_decides_the_balance()
    {
        var rounded = 0;
        var severalTaxes = 0;
        foreach (var (config, day, seed) in GeneratedDays(cashRounding: true))
        {
            var outcome = BookingEngine.Book(config, day);
            var counted = day.Orders.Where(o => o.Status == Contracts.OrderStatus.Completed).Sum(o => o.Rounding);
            if (outcome.Reason?.Code == BookingCodes.SumMismatch)
            {
                var gap = Math.Abs((decimal)outcome.Reason.Details!["gap"]!);
                Assert.That(gap, Is.GreaterThan(config.Settings.Tolerance).And.GreaterThan(config.Settings.RoundingThreshold), $"seed {seed}");
            }
            if (outcome.Entry is not { } entry) continue;
            Assert.That(entry.TotalDebit, Is.EqualTo(entry.TotalCredit), $"seed {seed}");

            var cash = entry.Lines.Where(l => l.Label == "Cash rounding").ToList();
            Assert.That(cash.Sum(l => l.Credit - l.Debit), Is.EqualTo(Money.Round(counted)), $"seed {seed}: the day's rounding, rounded once");
            Assert.That(cash.Count, Is.LessThanOrEqualTo(1), $"seed {seed}");
            var balancing = entry.Lines.Where(l => l.Label is "Rounding" or "Cash difference").ToList();
            var others = entry.Lines.Except(balancing).ToList();
            var rest = others.Sum(l => l.Debit) - others.Sum(l => l.Credit);
            Assert.That(balancing.Sum(l => l.Credit - l.Debit), Is.EqualTo(rest), $"seed {seed}");
            Assert.That(Math.Abs(rest), Is.LessThanOrEqualTo(Math.Max(config.Settings.Tolerance, config.Settings.RoundingThreshold)), $"seed {seed}");
            if (cash.Count > 0) rounded++;
            if (entry.Lines.Any(l => l.Label.Contains("15.5%") && l.VatCode is null)) severalTaxes++;
        }
        Assert.That(rounded, Is.GreaterThan(Days / 3), "the generator must exercise cash rounding");
        Assert.That(
            severalTaxes,
            Is.GreaterThan(Days / 10),
            "the generator must exercise items with several taxes (combined rate 15.5 % is not mapped)");
    }
}
