using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using PosSync.Cli.Bench;
using PosSync.Cli.Demo;
using PosSync.Cli.Support;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync bench booking: books a large day over and over and, in the same run and in alternating
/// rounds, times a bare loop that only sums the same decimals, so the engine's rate is read against
/// this machine's own floor under the same load. possync bench pipeline: the three stages against
/// three hops that do nothing (<see cref="PipelineBench"/>).
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
            return RunBooking(result.GetValue(orders), result.GetValue(seconds), Console.Out, result.GetValue(CliServices.Json));
        });
        return new Command("bench", "Benchmarks (speed and memory targets)") { booking, Pipeline(), Day() };
    }

    private static Command Day()
    {
        var orders = new Option<int[]>("--orders")
        {
            Description = "Sizes of the day, in orders (several: --orders 100 --orders 50000)", AllowMultipleArgumentsPerToken = true,
        };
        var stages = new Option<bool>("--stages")
        {
            Description = "Also run one day of each size through the three stages, one stage at a time: "
                + "each stage's heap above idle ÷ JSON size",
        };
        var command = new Command("day", "Reading cost per order of a canonical day at several sizes, and heap ÷ JSON size of reading and writing it")
        {
            orders, stages,
        };
        command.SetAction(async (result, cancel) =>
        {
            var sizes = result.GetValue(orders) is { Length: > 0 } given ? given : DayBench.DefaultSizes.ToArray();
            if (sizes.Any(n => n < 1)) throw new OperationRefusedException($"--orders must be at least 1, not {sizes.First(n => n < 1)}.");
            // The stages first, on a quiet heap: the reading rounds leave large days behind.
            var perStage = result.GetValue(stages) ? await StageMemoryBench.RunAsync(sizes, cancel) : null;
            var measured = DayBench.Run(sizes).Select(s => s with { Stages = perStage?[s.Orders] }).ToList();
            DayBench.Write(measured, Console.Out, result.GetValue(CliServices.Json));
            return 0;
        });
        return command;
    }

    private static Command Pipeline()
    {
        var days = new Option<int>("--days") { Description = "Days each side takes at once in a round", DefaultValueFactory = _ => 20 };
        var orders = new Option<int>("--orders") { Description = "Orders in each day", DefaultValueFactory = _ => 200 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of each side, taken in turn", DefaultValueFactory = _ => 5 };
        var command = new Command("pipeline", "Days/s, one day's latency, statements and memory of the three stages against three hops doing nothing")
        {
            days, orders, rounds,
        };
        command.SetAction(async (result, cancel) =>
        {
            var settings = new PipelineBenchSettings(result.GetValue(days), result.GetValue(orders), result.GetValue(rounds));
            foreach (var (name, value) in new[] { ("--days", settings.Days), ("--orders", settings.Orders), ("--rounds", settings.Rounds) })
                if (value < 1) throw new OperationRefusedException($"{name} must be at least 1, not {value}.");
            if (settings.PipelineDays > BenchDays.MostDays)
                throw new OperationRefusedException(
                    $"--days × --rounds must stay under {BenchDays.MostDays} days, not {settings.Days * settings.Rounds}.");
            var measured = await PipelineBench.RunAsync(settings, cancel);
            if (result.GetValue(CliServices.Json)) Console.Out.WriteLine(measured.ToJson().ToJsonString(new() { WriteIndented = true }));
            else measured.WriteText(Console.Out);
            return 0;
        });
        return command;
    }

    /// <summary>Rounds each loop takes in turn: enough that a burst of load from elsewhere falls on both.</summary>
    private const int Rounds = 10;

    public static int RunBooking(int orderCount, double seconds, TextWriter output, bool json = false)
    {
        var config = DemoWeek.Clients()[0].Config;
        var day = new DemoDayGenerator(42).Day(DemoWeek.Centre, new DateOnly(2025, 3, 14), Menu.Brasserie, orderCount);
        var outcome = BookingEngine.Book(config, day);
        if (outcome.Status != BookingStatus.Booked)
        {
            output.WriteLine($"error: the benchmark day did not book: {outcome.Reason?.Message}");
            return 1;
        }

        var warmUp = TimeSpan.FromSeconds(Math.Min(1, seconds));
        var sink = 0m;
        Measure(() => BookingEngine.Book(config, day), warmUp);
        Measure(() => sink += SumOnly(day), warmUp);
        var round = TimeSpan.FromSeconds(seconds / Rounds);
        var engine = new Measurement(0, TimeSpan.Zero, 0);
        var bare = new Measurement(0, TimeSpan.Zero, 0);
        for (var i = 0; i < Rounds; i++)
        {
            engine += Measure(() => BookingEngine.Book(config, day), round);
            bare += Measure(() => sink += SumOnly(day), round);
        }

        var engineRate = engine.Iterations * orderCount / engine.Elapsed.TotalSeconds;
        var bareRate = bare.Iterations * orderCount / bare.Elapsed.TotalSeconds;
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["ratio"] = Math.Round(engineRate / bareRate, 4),
                ["engine_orders_per_s"] = Math.Round(engineRate), ["bare_orders_per_s"] = Math.Round(bareRate),
                ["rounds"] = Rounds, ["orders_per_day"] = orderCount,
            }.ToJsonString(new() { WriteIndented = true }));
            return 0;
        }
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

    private sealed record Measurement(long Iterations, TimeSpan Elapsed, long AllocatedBytes)
    {
        public static Measurement operator +(Measurement a, Measurement b) =>
            new(a.Iterations + b.Iterations, a.Elapsed + b.Elapsed, a.AllocatedBytes + b.AllocatedBytes);
    }

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
