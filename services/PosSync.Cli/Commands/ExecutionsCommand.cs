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
            if (wanted is not null && !ExecutionStatus.All.Contains(wanted))
                throw new OperationRefusedException($"--status must be one of {string.Join(", ", ExecutionStatus.All)}, not \"{wanted}\".");
            var (first, last) = OptionChecks.DayRange(result.GetValue(from), result.GetValue(to));
            var most = OptionChecks.Limit(result.GetValue(limit), 10_000);
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            await services.GetRequiredService<ConsumerStates>().GetAsync(result.GetValue(id)!, cancel);
            var executions = await services.GetRequiredService<ExecutionLog>().ListAsync(result.GetValue(id)!, wanted, first, last, most, cancel);
            if (result.GetValue(CliServices.Json)) Support.Output.Json(executions);
            else Print(executions);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("execution") { Description = "The execution id" };
        var command = new Command("show", "One execution: every event and request of the run, in order") { id };
        command.SetAction(async (result, cancel) =>
        {
            if (!Guid.TryParse(result.GetValue(id), out var executionId)) throw new OperationRefusedException($"\"{result.GetValue(id)}\" is not an execution id.");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var log = services.GetRequiredService<ExecutionLog>();
            var execution = await log.GetAsync(executionId, cancel) ?? throw new OperationRefusedException($"No execution {executionId}.");
            var events = await log.EventsAsync(executionId, cancel);
            var requests = await services.GetRequiredService<RequestLog>().ListAsync(execution.ConsumerId, null, executionId, 10_000, cancel);
            var timeline = events.Select(e => (At: e.At, Kind: "event", Stage: e.Stage, What: $"{e.Level}{(e.Code is null ? "" : " " + e.Code)}", Detail: e.Message, Data: e.DetailsJson))
                .Concat(requests.Select(r => (At: r.At, Kind: "request", Stage: r.Connector, What: $"{r.Method} {r.StatusCode?.ToString() ?? "-"} {r.Operation}", Detail: $"{r.Url} ({r.DurationMs} ms){(r.Error is null ? "" : " " + r.Error)}", Data: (string?)null)))
                .OrderBy(t => t.At).ToList();
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(new { execution, events, requests });
                return 0;
            }
            Console.WriteLine($"Execution {execution.ExecutionId}: {execution.ConsumerId} {execution.LocationId} {execution.BusinessDate:yyyy-MM-dd}, {execution.Trigger}, attempt {execution.Attempt}");
            Console.WriteLine($"Status {execution.Status}{(execution.ErrorCode is null ? "" : " " + execution.ErrorCode)} at stage {execution.Stage}; started {Support.Output.Time(execution.StartedAt)}, ended {Support.Output.Time(execution.FinishedAt)}; trace {execution.TraceId ?? "-"}");
            if (execution.ErrorMessage is not null) Console.WriteLine(execution.ErrorMessage);
            Console.WriteLine();
            var table = new Table("time", "kind", "stage", "what", "detail");
            foreach (var t in timeline) table.Row(Support.Output.Time(t.At), t.Kind, t.Stage, t.What, t.Detail);
            table.WriteTo(Console.Out, 110);
            foreach (var withData in timeline.Where(t => t.Data is not null && t.Data.Length < 4000))
                Console.WriteLine($"\n{Support.Output.Time(withData.At)} {withData.Stage} details: {withData.Data}");
            return 0;
        });
        return command;
    }

    public static void Print(IReadOnlyList<ExecutionRecord> executions)
    {
        var table = new Table("started", "location", "day", "trigger", "attempt", "status", "stage", "entry", "error", "execution");
        foreach (var e in executions)
            table.Row(Support.Output.Time(e.StartedAt), e.LocationId, e.BusinessDate.ToString("yyyy-MM-dd"), e.Trigger, e.Attempt.ToString(), e.Status, e.Stage,
                e.EntryNumber, $"{e.ErrorCode} {e.ErrorMessage}".Trim(), e.ExecutionId.ToString());
        table.WriteTo(Console.Out, 70);
    }
}
