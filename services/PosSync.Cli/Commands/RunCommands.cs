using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync schedule | retry | reimport: the operator's ways to start day runs. On RabbitMQ they
/// publish for the workers; on the embedded in-memory default they run the days in this process,
/// count how they ended, and exit 2 when a day ended in error (see <see cref="FinalStatuses"/>).
/// </summary>
public static class RunCommands
{
    public static Command Schedule()
    {
        var consumer = new Option<string?>("--consumer") { Description = "Only this consumer" };
        var once = new Option<bool>("--once") { Description = "One pass, then exit (what a CronJob runs)" };
        var every = new Option<int>("--every") { Description = "Minutes between passes when not --once", DefaultValueFactory = _ => 5 };
        var lookback = new Option<int>("--lookback-days") { Description = "How far back waiting and failed days are tried again (days " +
            "that never ran are due back to the start date)", DefaultValueFactory = _ => 60 };
        var command = new Command("schedule",
            "Start every due day: missing days since the start date, days that waited, failed days after a backoff") { consumer, once,
            every, lookback };
        command.SetAction(async (result, cancel) =>
        {
            if (result.GetValue(lookback) is < 1 or > 400) throw new OperationRefusedException("--lookback-days must be between 1 and 400.");
            if (result.GetValue(every) < 1) throw new OperationRefusedException("--every must be at least 1 minute.");
            RequireSandboxOfDemoFolder(result.GetValue(Data));
            while (true)
            {
                var pass = await WithBusAsync(result.GetValue(Data), Console.Error,
                    (services, bus) => services.GetRequiredService<Scheduler>().RunAsync(bus, result.GetValue(consumer),
                        result.GetValue(lookback), Console.Error.WriteLine, cancel),
                    r => r.Days.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
                if (result.GetValue(CliServices.Json)) PrintScheduleJson(pass);
                else PrintSchedule(pass);
                if (result.GetValue(once)) return FinalStatuses.ExitCode(pass.Finals.Values.Select(r => r?.Status));
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
            var (first, last) = OptionChecks.DayRange(result.GetValue(from), result.GetValue(to));
            var days = await WithBusAsync(result.GetValue(Data), Console.Error,
                (services, bus) => services.GetRequiredService<OperatorRuns>().RetryAsync(bus, result.GetValue(id)!, first, last,
                    result.GetValue(all), cancel),
                r => r.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
            return await PrintRequestedAsync(days.Result, days.RanHere, result.GetValue(CliServices.Json), result.GetValue(Data), cancel);
        });
        return command;
    }

    public static Command Reimport()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var from = new Option<string>("--from") { Description = "First business day (yyyy-MM-dd)", Required = true };
        var to = new Option<string>("--to") { Description = "Last business day (yyyy-MM-dd)", Required = true };
        var force = new Option<bool>("--force-before-start") { Description = "Also book days before the consumer's start date" };
        var command = new Command("reimport",
            "Import days again as if nothing was imported: unchanged days post nothing, changed days replace their entry") { id, from, to, force };
        command.SetAction(async (result, cancel) =>
        {
            // Both are required, so the range has both ends.
            var range = OptionChecks.DayRange(result.GetValue(from), result.GetValue(to));
            var (first, last) = (range.From!.Value, range.To!.Value);
            var days = await WithBusAsync(result.GetValue(Data), Console.Error,
                (services, bus) => services.GetRequiredService<OperatorRuns>().ReimportAsync(bus, result.GetValue(id)!, first, last,
                    result.GetValue(force), Console.Error.WriteLine, cancel),
                r => r.Where(d => d.Result == StartResult.Started).Select(d => d.ExecutionId), cancel);
            return await PrintRequestedAsync(days.Result, days.RanHere, result.GetValue(CliServices.Json), result.GetValue(Data), cancel);
        });
        return command;
    }

    private static void PrintSchedule(BusRun<ScheduleReport> pass)
    {
        var report = pass.Result;
        var started = report.Days.Count(d => d.Result == StartResult.Started);
        var running = report.Days.Count(d => d.Result == StartResult.AlreadyRunning);
        Console.WriteLine(pass.RanHere && started > 0
            ? $"{started} day(s) run: {FinalStatuses.Describe(pass.Finals.Values.Select(r => r?.Status))}; {running} already running."
            : $"{started} day(s) started, {running} already running.");
        if (report.Days.Count > 0)
        {
            var table = new Table("consumer", "location", "day", "attempt", "why", "result", "execution");
            foreach (var d in report.Days)
                table.Row(d.ConsumerId, d.LocationId, d.Date.ToString("yyyy-MM-dd"), d.Attempt.ToString(), d.Why,
                    Outcome(d, Final(pass, d)), d.ExecutionId.ToString());
            table.WriteTo(Console.Out);
        }
        foreach (var passed in report.Passed) Console.WriteLine($"{passed.ConsumerId}: {passed.Why}");
        foreach (var renewed in report.Renewed) Console.WriteLine($"{renewed.ConsumerId} {renewed.Role} ({renewed.Connector}) " +
            $"credentials: {renewed.Outcome}");
    }

    /// <summary>The report as before, each day with how it ended (status, error_code) and the counts by final status.</summary>
    private static void PrintScheduleJson(BusRun<ScheduleReport> pass)
    {
        var report = pass.Result;
        Support.Output.Json(new
        {
            days = report.Days.Select(d => new
            {
                d.ConsumerId, d.LocationId, d.Date, d.Trigger, d.Attempt, d.Why, d.Result, d.ExecutionId,
                Final(pass, d)?.Status, Final(pass, d)?.ErrorCode,
            }),
            report.Passed,
            report.Renewed,
            statuses = pass.Finals.Values.GroupBy(r => r?.Status ?? ExecutionStatus.Running).ToDictionary(g => g.Key, g => g.Count()),
        });
    }

    private static ExecutionRecord? Final(BusRun<ScheduleReport> pass, RequestedDay day) => pass.Finals.GetValueOrDefault(day.ExecutionId);

    /// <summary>What became of a requested day: its final status and code when it ran here, else what the request did.</summary>
    private static string Outcome(RequestedDay day, ExecutionRecord? final) =>
        final is { IsFinished: true } ? $"{final.Status} {final.ErrorCode}".Trim() : Result(day.Result);

    /// <summary>What was asked, and — when the days ran here — how each run ended; the exit code follows from the final statuses.</summary>
    private static async Task<int> PrintRequestedAsync(IReadOnlyList<RequestedDay> days, bool ranHere, bool json, string? data,
        CancellationToken cancellationToken)
    {
        await using var services = await OpenAsync(data, cancellationToken);
        var log = services.GetRequiredService<ExecutionLog>();
        var rows = new List<(RequestedDay Day, ExecutionRecord? Run)>();
        foreach (var day in days) rows.Add((day, day.Result == StartResult.Started ? await log.GetAsync(day.ExecutionId, cancellationToken) : null));
        var statuses = rows.Where(r => r.Day.Result == StartResult.Started).Select(r => r.Run?.Status).ToList();
        if (json)
        {
            Support.Output.Json(rows.Select(r => new { request = r.Day, status = r.Run?.Status, error_code = r.Run?.ErrorCode,
                error_message = r.Run?.ErrorMessage }));
            return FinalStatuses.ExitCode(statuses);
        }
        if (rows.Count == 0)
        {
            Console.WriteLine("No day to run.");
            return 0;
        }
        var table = new Table("location", "day", "trigger", "attempt", "request", "status", "entry", "error");
        foreach (var (day, run) in rows)
            table.Row(day.LocationId, day.Date.ToString("yyyy-MM-dd"), day.Trigger.Word(), day.Attempt.ToString(),
                Result(day.Result),
                run?.Status.Word, run?.EntryNumber, $"{run?.ErrorCode} {run?.ErrorMessage}".Trim());
        table.WriteTo(Console.Out, 80);
        Console.WriteLine(ranHere
            ? $"{statuses.Count} day(s) run: {FinalStatuses.Describe(statuses)}; {rows.Count - statuses.Count} already running."
            : $"{statuses.Count} day(s) handed to the workers (possync executions list shows how they end); {rows.Count - statuses.Count} " +
                "already running.");
        return FinalStatuses.ExitCode(statuses);
    }

    private static string Result(StartResult result) => result == StartResult.Started ? "started" : "already running";
}
