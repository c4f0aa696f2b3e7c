using System.CommandLine;
using System.Diagnostics;
using PosSync.Cli.Demo;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync bench booking: books a large day over and over and, in the same run, times a bare loop
/// that only sums the same decimals, so the engine's rate is read against this machine's own floor.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the benchmark day", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--seconds") { Description = "Time spent measuring each loop", DefaultValueFactory = _ => 3 };
        var booking = new Command("booking", "Rate of the booking engine against a bare summing loop") { orders, seconds };
        booking.SetAction(result =>
        {
            // A day of no order books nothing, and no time measures nothing: both would print rates of 0 or NaN.
            if (result.GetValue(orders) < 1) throw new OperationRefusedException($"--orders must be at least 1, not {result.GetValue(orders)}.");
            if (result.GetValue(seconds) <= 0) throw new OperationRefusedException($"--seconds must be more than 0, not {result.GetValue(seconds)}.");
            return RunBooking(result.GetValue(orders), result.GetValue(seconds), Console.Out);
        });
        return new Command("bench", "Benchmarks (speed and memory targets)") { booking };
    }

    public static int RunBooking(int orderCount, double seconds, TextWriter output)
    {
        var config = DemoWeek.Clients()[0].Config;
        var day = new DemoDayGenerator(42).Day(DemoWeek.Centre, new DateOnly(2025, 3, 14), Menu.Brasserie, orderCount);
        var outcome = BookingEngine.Book(config, day);
        if (outcome.Status != BookingStatus.Booked)
        {
            output.WriteLine($"error: the benchmark day did not book: {outcome.Reason?.Message}");
            return 1;
        }

        var budget = TimeSpan.FromSeconds(seconds);
        Measure(() => BookingEngine.Book(config, day), TimeSpan.FromSeconds(Math.Min(1, seconds)));
        var engine = Measure(() => BookingEngine.Book(config, day), budget);
        var sink = 0m;
        Measure(() => sink += SumOnly(day), TimeSpan.FromSeconds(Math.Min(1, seconds)));
        var bare = Measure(() => sink += SumOnly(day), budget);

        var engineRate = engine.Iterations * orderCount / engine.Elapsed.TotalSeconds;
        var bareRate = bare.Iterations * orderCount / bare.Elapsed.TotalSeconds;
        output.WriteLine($"booking engine: {engineRate,12:N0} orders/s  ({engine.Elapsed.TotalMilliseconds / engine.Iterations:N3} ms per {orderCount}-order day, {engine.AllocatedBytes / (double)(engine.Iterations * orderCount):N0} bytes allocated per order)");
        output.WriteLine($"bare sum loop:  {bareRate,12:N0} orders/s  (checksum {sink % 1000:N2})");
        output.WriteLine($"ratio engine/bare: {engineRate / bareRate:P1} (target: at least 33.3 %)");
        return 0;
    }

    /// <summary>Sums exactly the decimals the engine reads: item totals and VAT, payment totals and tips, discounts, cash rounding.</summary>
    private static decimal SumOnly(ServiceDay day)
    {
        var sum = 0m;
        foreach (var order in day.Orders)
        {
            foreach (var item in order.Items)
            {
                sum += item.Total + item.TaxAmount;
                foreach (var discount in item.Discounts) sum += discount.Total;
            }
            foreach (var payment in order.Payments) sum += payment.Total + payment.Tip;
            sum += order.Rounding;
        }
        return sum;
    }

    private sealed record Measurement(long Iterations, TimeSpan Elapsed, long AllocatedBytes);

    private static Measurement Measure(Action action, TimeSpan budget)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        long iterations = 0;
        while (watch.Elapsed < budget)
        {
            action();
            iterations++;
        }
        watch.Stop();
        return new Measurement(iterations, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
