using System.Text.Json.Nodes;
using PosSync.Domain.Booking;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Tests;

/// <summary>The sum and tolerance checks of diagnose, as support reads them.</summary>
public class DiagnosisChecksTests
{
    private const string Retry = "possync retry c-brasserie --from 2025-03-13 --to 2025-03-13";
    private const string Bundle = "possync support-bundle c-brasserie --day 2025-03-13 --location 1001 --out DIR";
    private static readonly DateTime RunAt = new(2025, 3, 14, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>The details as a SUM_MISMATCH event stores them, read back the way the diagnosis reads them.</summary>
    private static SumMismatchDetails? Mismatch(decimal gap, params string[] hints) => SumMismatchDetails.Read(new JsonObject
    {
        ["sales"] = 2408.80m, ["payments"] = 2408.80m + gap, ["gap"] = gap, ["tolerance"] = 50.00m,
        ["orders"] = new JsonArray(new JsonObject
        {
            ["id"] = "1001-0313-004", ["total"] = 128.70m, ["items_total"] = 128.70m, ["payments_total"] = 128.70m + gap,
            ["hints"] = new JsonArray(hints.Select(h => (JsonNode)JsonValue.Create(h)!).ToArray()),
        }),
    });

    private static ToleranceAtRun Tolerance(decimal atRun, decimal today, bool changedSince = false) => ToleranceAtRun.Of(atRun, null, RunAt, today,
        changedSince
            ? [new ConfigurationHistoryEntry { Field = ToleranceAtRun.Field, ChangedAt = RunAt.AddDays(6),
                OldValue = $"{atRun:0.00}", NewValue = $"{today:0.00}",
                ChangedBy = "marie", Source = "brasserie.json" }]
            : []);

    [Test]
    public void A_mismatch_names_the_day_s_sales_once_and_tips_apart()
    {
        var (check, _) = MismatchCheck.Judge(
            "1001",
            Mismatch(80.00m, "possible unrecorded tip"),
            new DayFigures(2396.80m, 12.00m),
            Tolerance(50, 50),
            Retry,
            Bundle);

        Assert.That(check.Evidence, Does.StartWith("sales 2,396.80 (VAT included) and tips 12.00 against payments 2,488.80 (tips included): "
            + "gap +80.00 against the tolerance 50.00 in force at this run; orders: 1001-0313-004"));
        Assert.That(check.Evidence, Does.Contain("possible unrecorded tip").And.Not.Contain("2,408.80"));
    }

    [TestCase(false, 50, "Check these orders in the POS", TestName = "A mismatch a hint explains: correct those orders in the POS, then retry")]
    [TestCase(true, 50, "No order explains the gap: open a support ticket with what " + Bundle,
        TestName = "A mismatch no hint explains: open a support ticket with the support bundle")]
    [TestCase(true, 100,
        "The tolerance was changed to 100.00 after this run: a retry would book the gap as a difference. If the client agrees: " + Retry,
        TestName = "A mismatch within a tolerance raised since the run: a retry would book it, if the client agrees")]
    public void What_support_does_next_about_a_mismatch(bool noHint, decimal today, string next)
    {
        var details = noHint ? Mismatch(80.00m) : Mismatch(80.00m, "possible unrecorded tip");

        var (_, then) = MismatchCheck.Judge("1001", details, null, Tolerance(50, today, changedSince: today != 50), Retry, Bundle);

        Assert.That(then, Does.StartWith(next));
    }

    [Test]
    public void Without_the_stored_day_the_balance_check_s_figure_is_named_sales_and_tips()
    {
        var (check, _) = MismatchCheck.Judge("1001", Mismatch(80.00m), null, Tolerance(50, 50), Retry, Bundle);

        Assert.That(check.Evidence, Does.StartWith("sales and tips 2,408.80 against payments 2,488.80"));
        Assert.That(check.Evidence, Does.Contain("orders: 1001-0313-004 (total 128.70, payments 208.70, items 128.70)"));
    }

    [TestCase(50, 50, "warning", "it is 2.1 % of the day's sales 2,396.80 (VAT included, tips excluded): advise lowering it", true,
        TestName = "A tolerance loose for the day, still today: a warning and advice to lower it")]
    [TestCase(50, 5, "info", "it was 2.1 % of the day's sales 2,396.80 (VAT included, tips excluded) at this run, lowered since", false,
        TestName = "A tolerance loose at the run but lowered since: said, not advised")]
    [TestCase(5, 100, "warning", "today's 100.00 is 4.2 % of the day's sales", true,
        TestName = "A tolerance raised since to a loose one: the advice is about today's")]
    [TestCase(5, 5, "info", "5.00 in force at this run, the same today", false, TestName = "A tight tolerance: information only")]
    public void The_tolerance_check(decimal atRun, decimal today, string verdict, string evidence, bool advised)
    {
        var (check, advice) = ToleranceCheck.Judge("1001", Tolerance(atRun, today, changedSince: atRun != today), new DayFigures(2396.80m, 12.00m));

        Assert.That(check.Verdict.ToString().ToLowerInvariant(), Is.EqualTo(verdict));
        Assert.That(check.Evidence, Does.Contain(evidence));
        Assert.That(advice is not null, Is.EqualTo(advised));
    }
}
