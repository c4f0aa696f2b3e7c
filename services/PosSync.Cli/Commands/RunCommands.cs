using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync schedule | retry | reimport: the operator's ways to start day runs. On RabbitMQ they
/// publish for the workers; on the embedded in-memory default they run the days in this process.
/// </summary>
public static class RunCommands
{
    public static Command Schedule()
    {
        var consumer = new Option<string?>("--consumer") { Description = "Only this consumer" };
        var once = new Option<bool>("--once") { Description = "One pass, then exit (what a CronJob runs)" };
        var every = new Option<int>("--every") { Description = "Minutes between passes when not --once", DefaultValueFactory = _ => 5 };
        var lookback = new Option<int>("--lookback-days") { Description = "How far back waiting and failed days are tried again (days that never ran are due back to the start date)", DefaultValueFactory = _ => 60 };
        var command = new Command("schedule", "Start every due day: missing days since the start date, days that waited, failed days after a backoff") { consumer, once, every, lookback };
        command.SetAction(async (result, cancel) =>
        {
            if (result.GetValue(lookback) is < 1 or > 400) throw new OperationRefusedException("--lookback-days must be between 1 and 400.");
            if (result.GetValue(every) < 1) throw new OperationRefusedException("--every must be at least 1 minute.");
            RequireSandboxOfDemoFolder(result.GetValue(Data));
            while (true)
            {
                var report = await WithBusAsync(result.GetValue(Data), Console.Error,
                    (services, bus) => services.GetRequiredService<Scheduler>().RunAsync(bus, result.GetValue(consumer), result.GetValue(lookback), Console.Error.WriteLine, cancel),
                    r => r.Days.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
                if (result.GetValue(CliServices.Json)) Support.Output.Json(report);
                else PrintSchedule(report);
                if (result.GetValue(once)) return 0;
                await Task.Delay(TimeSpan.FromMinutes(result.GetValue(every)), cancel);
            }
        });
        return command;
    }

    public static Command Retry()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var from = new Option<string?>("--from") { Description = "First business day (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Last business day (yyyy-MM-dd)" };
        var all = new Option<bool>("--all-failed") { Description = "Every failed day (within --from/--to when given)" };
        var command = new Command("retry", "Run failed days again (trigger retry, next attempt), once their cause is fixed") { id, from, to, all };
        command.SetAction(async (result, cancel) =>
        {
            var first = ParseDate(result.GetValue(from), "--from");
            var last = ParseDate(result.GetValue(to), "--to");
            var days = await WithBusAsync(result.GetValue(Data), Console.Error,
                (services, bus) => services.GetRequiredService<OperatorRuns>().RetryAsync(bus, result.GetValue(id)!, first, last, result.GetValue(all), cancel),
                r => r.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
            await PrintRequestedAsync(days, result.GetValue(CliServices.Json), result.GetValue(Data), cancel);
            return 0;
        });
        return command;
    }

    public static Command Reimport()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var from = new Option<string>("--from") { Description = "First business day (yyyy-MM-dd)", Required = true };
        var to = new Option<string>("--to") { Description = "Last business day (yyyy-MM-dd)", Required = true };
        var force = new Option<bool>("--force-before-start") { Description = "Also book days before the consumer's start date" };
        var command = new Command("reimport", "Import days again as if nothing was imported: unchanged days post nothing, changed days replace their entry") { id, from, to, force };
        command.SetAction(async (result, cancel) =>
        {
            var first = ParseDate(result.GetValue(from), "--from")!.Value;
            var last = ParseDate(result.GetValue(to), "--to")!.Value;
            var days = await WithBusAsync(result.GetValue(Data), Console.Error,
                (services, bus) => services.GetRequiredService<OperatorRuns>().ReimportAsync(bus, result.GetValue(id)!, first, last, result.GetValue(force), Console.Error.WriteLine, cancel),
                r => r.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
            await PrintRequestedAsync(days, result.GetValue(CliServices.Json), result.GetValue(Data), cancel);
            return 0;
        });
        return command;
    }

    private static void PrintSchedule(ScheduleReport report)
    {
        Console.WriteLine($"{report.Days.Count(d => d.Result == StartResult.Started)} day(s) started, {report.Days.Count(d => d.Result == StartResult.AlreadyRunning)} already running.");
        if (report.Days.Count > 0)
        {
            var table = new Table("consumer", "location", "day", "attempt", "why", "result", "execution");
            foreach (var d in report.Days)
                table.Row(d.ConsumerId, d.LocationId, d.Date.ToString("yyyy-MM-dd"), d.Attempt.ToString(), d.Why, Result(d.Result), d.ExecutionId.ToString());
            table.WriteTo(Console.Out);
        }
        foreach (var passed in report.Passed) Console.WriteLine($"{passed.ConsumerId}: {passed.Why}");
        foreach (var renewed in report.Renewed) Console.WriteLine($"{renewed.ConsumerId} {renewed.Role} ({renewed.Connector}) credentials: {renewed.Outcome}");
    }

    /// <summary>What was asked, and — when the days ran here — how each run ended.</summary>
    private static async Task PrintRequestedAsync(IReadOnlyList<RequestedDay> days, bool json, string? data, CancellationToken cancellationToken)
    {
        await using var services = await OpenAsync(data, cancellationToken);
        var log = services.GetRequiredService<Storage.Stores.ExecutionLog>();
        var rows = new List<(RequestedDay Day, Storage.Stores.ExecutionRecord? Run)>();
        foreach (var day in days) rows.Add((day, day.Result == StartResult.Started ? await log.GetAsync(day.ExecutionId, cancellationToken) : null));
        if (json)
        {
            Support.Output.Json(rows.Select(r => new { request = r.Day, status = r.Run?.Status, error_code = r.Run?.ErrorCode, error_message = r.Run?.ErrorMessage }));
            return;
        }
        if (rows.Count == 0)
        {
            Console.WriteLine("No day to run.");
            return;
        }
        var table = new Table("location", "day", "trigger", "attempt", "request", "status", "entry", "error");
        foreach (var (day, run) in rows)
            table.Row(day.LocationId, day.Date.ToString("yyyy-MM-dd"), day.Trigger.ToString().ToLowerInvariant(), day.Attempt.ToString(), Result(day.Result),
                run?.Status, run?.EntryNumber, $"{run?.ErrorCode} {run?.ErrorMessage}".Trim());
        table.WriteTo(Console.Out, 80);
    }

    private static string Result(StartResult result) => result == StartResult.Started ? "started" : "already running";
}
