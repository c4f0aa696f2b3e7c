using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync executions list | show: the runs of a consumer's days, and everything one run did.</summary>
public static class ExecutionsCommand
{
    public static Command Create() => new("executions", "The runs of a consumer's days") { List(), Show() };

    private static Command List()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var status = new Option<string?>("--status") { Description = $"Only runs that ended so: {string.Join(", ", ExecutionStatus.All)}" };
        var from = new Option<string?>("--from") { Description = "First business day (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Last business day (yyyy-MM-dd)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "A consumer's executions, newest first") { id, status, from, to, limit };
        command.SetAction(async (result, cancel) =>
        {
            var wanted = result.GetValue(status);
            var wantedStatus = ExecutionStatus.Find(wanted);
            if (wanted is not null && wantedStatus is null)
                throw new OperationRefusedException($"--status must be one of {string.Join(", ", ExecutionStatus.All)}, not \"{wanted}\".");
            var (first, last) = OptionChecks.DayRange(result.GetValue(from), result.GetValue(to));
            var most = OptionChecks.Limit(result.GetValue(limit), 10_000);
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            await services.GetRequiredService<ConsumerStates>().GetAsync(result.GetValue(id)!, cancel);
            var executions = await services.GetRequiredService<ExecutionLog>().ListAsync(result.GetValue(id)!, wantedStatus, first, last,
                most, cancel);
            if (result.GetValue(CliServices.Json)) Support.Output.Json(executions);
            else Print(executions);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string?>("execution") { Description = "The execution id (or --latest CONSUMER)", Arity = ArgumentArity.ZeroOrOne };
        var latest = new Option<string?>("--latest") { Description = "Instead of an id: the consumer's latest execution", HelpName = "consumer" };
        var day = new Option<string?>("--day") { Description = "With --latest: the latest of this business day (yyyy-MM-dd)" };
        var location = new Option<string?>("--location") { Description = "With --latest: the latest at this location" };
        var command = new Command("show", "One execution: every event and request of the run, in order") { id, latest, day, location };
        command.SetAction(async (result, cancel) =>
        {
            var consumer = result.GetValue(latest);
            var given = result.GetValue(id);
            if (consumer is null && (result.GetValue(day) is not null || result.GetValue(location) is not null))
                throw new OperationRefusedException("--day and --location choose the latest execution: give them with --latest CONSUMER.");
            var executionId = (given, consumer) switch
            {
                (not null, not null) => throw new OperationRefusedException("Give an execution id or --latest CONSUMER, not both."),
                (null, null) => throw new OperationRefusedException("Which execution? Give its id, or --latest CONSUMER [--day " +
                    "yyyy-MM-dd] [--location L] for the latest run."),
                (not null, null) => Guid.TryParse(given, out var parsed) ? parsed
                    : throw new OperationRefusedException($"\"{given}\" is not an execution id."),
                _ => (Guid?)null,
            };
            var businessDay = ParseDate(result.GetValue(day), "--day");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var log = services.GetRequiredService<ExecutionLog>();
            var execution = executionId is { } known
                ? await log.GetAsync(known, cancel) ?? throw new OperationRefusedException($"No execution {known}.")
                : await LatestAsync(services, consumer!, businessDay, result.GetValue(location), cancel);
            await PrintRunAsync(services, execution, result.GetValue(CliServices.Json), cancel);
            return 0;
        });
        return command;
    }

    /// <summary>The run support means by "the last one": of the consumer, of that day and location when given.</summary>
    private static async Task<ExecutionRecord> LatestAsync(IServiceProvider services, string consumerId, DateOnly? day, string? locationId,
        CancellationToken cancellationToken)
    {
        var config = (await services.GetRequiredService<ConsumerStates>().GetAsync(consumerId, cancellationToken)).Config;
        if (locationId is not null && config.FindLocation(locationId) is null)
            throw new OperationRefusedException($"{consumerId} has no location {locationId} (it has " +
                $"{string.Join(", ", config.Locations.Select(l => l.Id))}).");
        return await services.GetRequiredService<ExecutionLog>().LatestAsync(consumerId, locationId, day, cancellationToken)
               ?? throw new OperationRefusedException("No execution of " +
                   $"{consumerId}{(day is { } d ? $" for {d:yyyy-MM-dd}" : "")}{(locationId is null ? "" : $" at location {locationId}")} yet.");
    }

    private static async Task PrintRunAsync(IServiceProvider services, ExecutionRecord execution, bool json, CancellationToken cancellationToken)
    {
        var executionId = execution.ExecutionId;
        var events = await services.GetRequiredService<ExecutionLog>().EventsAsync(executionId, cancellationToken);
        var requests = await services.GetRequiredService<RequestLog>().ListAsync(execution.ConsumerId, null, executionId, 10_000, cancellationToken);
        var timeline = events.Select(e => (At: e.At, Kind: "event", Stage: e.Stage,
            What: $"{e.Level}{(e.Code is null ? "" : " " + e.Code)}", Detail: e.Message, Data: e.DetailsJson))
            .Concat(requests.Select(r => (At: r.At, Kind: "request", Stage: r.Connector,
                What: $"{r.Method} {r.StatusCode?.ToString() ?? "-"} {r.Operation}",
                Detail: $"{r.Url} ({r.DurationMs} ms){(r.Error is null ? "" : " " + r.Error)}", Data: (string?)null)))
            .OrderBy(t => t.At).ToList();
        if (json)
        {
            Support.Output.Json(new { execution, events, requests });
            return;
        }
        Console.WriteLine($"Execution {execution.ExecutionId}: {execution.ConsumerId} {execution.LocationId} " +
            $"{execution.BusinessDate:yyyy-MM-dd}, {execution.Trigger.Word()}, attempt {execution.Attempt}");
        Console.WriteLine($"Status {execution.Status}{(execution.ErrorCode is null ? "" : " " + execution.ErrorCode)} at stage " +
            $"{execution.Stage}; started {Support.Output.Time(execution.StartedAt)}, ended {Support.Output.Time(execution.FinishedAt)}; " +
            $"trace {execution.TraceId ?? "-"}");
        if (execution.ErrorMessage is not null) Console.WriteLine(execution.ErrorMessage);
        Console.WriteLine();
        var table = new Table("time", "kind", "stage", "what", "detail");
        foreach (var t in timeline) table.Row(Support.Output.Time(t.At), t.Kind, t.Stage, t.What, t.Detail);
        table.WriteTo(Console.Out, 110);
        foreach (var withData in timeline.Where(t => t.Data is not null && t.Data.Length < 4000))
            Console.WriteLine($"\n{Support.Output.Time(withData.At)} {withData.Stage} details: {withData.Data}");
    }

    public static void Print(IReadOnlyList<ExecutionRecord> executions)
    {
        var table = new Table("started", "location", "day", "trigger", "attempt", "status", "stage", "entry", "error", "execution");
        foreach (var e in executions)
            table.Row(Support.Output.Time(e.StartedAt), e.LocationId, e.BusinessDate.ToString("yyyy-MM-dd"), e.Trigger.Word(),
                e.Attempt.ToString(), e.Status.Word, e.Stage,
                e.EntryNumber, $"{e.ErrorCode} {e.ErrorMessage}".Trim(), e.ExecutionId.ToString());
        table.WriteTo(Console.Out, 70);
    }
}
