using System.Text.Json.Nodes;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>Cash rounding the POS recorded (booking-rules section 2): a line of its own, before the balance check.</summary>
public class CashRoundingTests
{
    private static readonly ConsumerConfiguration ZeroTolerance = ReferenceConfiguration.Load(c =>
    {
        c["settings"]!["tolerance"] = 0m;
        c["settings"]!["rounding_threshold"] = 0m;
    });

    /// <summary>
    /// A Belgian cash day: <paramref name="down"/> orders of 3.32 paid 3.30 (rounding −0.02) and
    /// <paramref name="up"/> orders of 4.49 paid 4.50 (+0.01), all at 10 %.
    /// </summary>
    private static ServiceDay BelgianCashDay(int down, int up, Action<OrderBuilder>? extra = null)
    {
        var day = DayBuilder.For("2025-03-14");
        for (var i = 0; i < down; i++)
            day.Order($"O-D{i + 1}", o => o.Item(1, 3.018m, 3.32m, 0.302m, 10).Rounding(-0.02m).Pay("pm-cash", 3.30m));
        for (var i = 0; i < up; i++)
            day.Order($"O-U{i + 1}", o => o.Item(1, 4.082m, 4.49m, 0.408m, 10).Rounding(0.01m).Pay("pm-cash", 4.50m));
        if (extra is not null) day.Order("O-X", extra);
        return day.Build();
    }

    [Test]
    public void A_Belgian_cash_day_books_its_rounding_on_a_line_of_its_own_even_with_no_tolerance_at_all()
    {
        var outcome = BookingEngine.Book(ZeroTolerance, BelgianCashDay(down: 30, up: 10));

        Assert.That(outcome.Status, Is.EqualTo(BookingStatus.Booked), outcome.Reason?.Message);
        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 530000 144.00; D 658100 0.50; C 706100 131.36; C 445712 13.14");
        Assert.That(outcome.Entry!.Lines.Last().Label, Is.EqualTo("Cash rounding"));
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [Test]
    public void Cash_rounding_above_the_rounding_threshold_is_no_difference_under_the_reference_configuration()
    {
        var outcome = BookingEngine.Book(ReferenceConfiguration.Load(), BelgianCashDay(down: 30, up: 10));

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 530000 144.00; D 658100 0.50; C 706100 131.36; C 445712 13.14");
        Assert.That(outcome.Entry!.Lines.Select(l => l.Label), Has.None.EqualTo("Cash difference").And.None.EqualTo("Rounding"));
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [TestCase(30, 10, "D 658100 0.50")]
    [TestCase(5, 35, "C 758100 0.25")]
    [TestCase(1, 2, "C 758100 0.00")]
    public void The_sum_of_the_days_rounding_picks_the_side_and_the_account(int down, int up, string rounding)
    {
        var outcome = BookingEngine.Book(ZeroTolerance, BelgianCashDay(down, up));

        var expected = ExpectedLines.Parse(rounding).Single();
        var booked = ExpectedLines.Of(outcome.Entry!).Where(l => l.Account is "658100" or "758100").ToList();
        Assert.That(booked, expected.Amount == 0 ? Is.Empty : Is.EqualTo(new[] { expected }));
    }

    [TestCase(30, 10, "mappings.rounding.debit")]
    [TestCase(5, 35, "mappings.rounding.credit")]
    public void Rounding_with_no_account_mapped_on_its_side_is_unmapped_naming_the_field(int down, int up, string field)
    {
        var config = ReferenceConfiguration.Load(c => c["mappings"]!["rounding"] = new JsonObject());

        var outcome = BookingEngine.Book(config, BelgianCashDay(down, up));

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.Unmapped));
        Assert.That(outcome.Reason.Message, Is.EqualTo($"no account mapped at {field}"));
    }

    [Test]
    public void The_rounding_of_voided_and_cancelled_orders_is_ignored()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 3.018m, 3.32m, 0.302m, 10).Rounding(-0.02m).Pay("pm-cash", 3.30m))
            .Order("O-2", o => o.Item(1, 4.082m, 4.49m, 0.408m, 10).Rounding(0.01m).Pay("pm-cash", 4.50m).Status(OrderStatus.Voided))
            .Order("O-3", o => o.Item(1, 4.082m, 4.49m, 0.408m, 10).Rounding(0.01m).Pay("pm-cash", 4.50m).Status(OrderStatus.Cancelled))
            .Build();

        var outcome = BookingEngine.Book(ZeroTolerance, day);

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 530000 3.30; D 658100 0.02; C 706100 3.02; C 445712 0.30");
    }

    [Test]
    public void The_days_rounding_is_summed_unrounded_and_rounded_once()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Rounding(0.004m).Pay("pm-cash", 22.004m))
            .Order("O-2", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Rounding(0.004m).Pay("pm-cash", 22.004m))
            .Build();

        var outcome = BookingEngine.Book(ZeroTolerance, day);

        ExpectedLines.AssertSame(ExpectedLines.Of(outcome.Entry!), "D 530000 44.01; C 706100 40.00; C 445712 4.00; C 758100 0.01");
    }

    [Test]
    public void A_sum_mismatch_counts_the_rounding_in_its_figures_and_does_not_suspect_a_rounded_order()
    {
        var day = BelgianCashDay(down: 30, up: 10, o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 50.00m));

        var outcome = BookingEngine.Book(ZeroTolerance, day);

        Assert.That(outcome.Reason!.Code, Is.EqualTo(BookingCodes.SumMismatch));
        Assert.That(outcome.Reason.Message, Does.Contain("sales 188.50, payments 194.00, cash rounding \u22120.50, gap +6.00"));
        var details = outcome.Reason.Details!;
        Assert.That((decimal)details["cash_rounding"]!, Is.EqualTo(-0.50m));
        Assert.That((decimal)details["gap"]!, Is.EqualTo(6.00m));
        var suspects = details["orders"]!.AsArray().Select(o => (string)o!["id"]!).ToList();
        Assert.That(suspects, Is.EqualTo(new[] { "O-X" }));
        Assert.That(outcome.Reason.Message, Does.Contain(MismatchDiagnostics.UnrecordedTip));
    }

    [Test]
    public void An_order_paid_other_than_its_rounding_says_is_still_a_suspect()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 3.018m, 3.32m, 0.302m, 10).Rounding(-0.02m).Pay("pm-cash", 3.20m))
            .Build();

        var orders = MismatchDiagnostics.ExplainingOrders(day.Orders, ZeroTolerance.Settings);

        Assert.That(orders.Single().Hints, Is.EqualTo(new[] { MismatchDiagnostics.PaymentMissing }));
        Assert.That(orders.Single().Payable, Is.EqualTo(3.30m));
    }
}
