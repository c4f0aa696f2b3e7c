using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync requests: the transaction table of a consumer — every call to its POS and accounting tool.</summary>
public static class RequestsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var code = new Option<int?>("--status-code") { Description = "Only calls answered with this HTTP status" };
        var execution = new Option<string?>("--execution") { Description = "Only the calls of this execution" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 100 };
        var command = new Command("requests", "Every call PosSync made to a consumer's POS and accounting tool") { id, code, execution, limit };
        command.SetAction(async (result, cancel) =>
        {
            var statusCode = OptionChecks.StatusCode(result.GetValue(code));
            var most = OptionChecks.Limit(result.GetValue(limit), 100_000);
            Guid? executionId = null;
            if (result.GetValue(execution) is { } text)
                executionId = Guid.TryParse(text, out var parsed) ? parsed
                    : throw new OperationRefusedException($"\"{text}\" is not an execution id.");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            await services.GetRequiredService<ConsumerStates>().GetAsync(result.GetValue(id)!, cancel);
            var requests = await services.GetRequiredService<RequestLog>().ListAsync(result.GetValue(id)!, statusCode, executionId, most, cancel);
            if (result.GetValue(CliServices.Json)) Support.Output.Json(requests);
            else Print(requests);
            return 0;
        });
        return command;
    }

    public static void Print(IReadOnlyList<RequestRecord> requests)
    {
        var table = new Table("time", "connector", "operation", "method", "status", "ms", "url", "error", "execution");
        foreach (var r in requests)
            table.Row(Support.Output.Time(r.At), r.Connector, r.Operation, r.Method, r.StatusCode?.ToString() ?? "-",
                r.DurationMs.ToString(), r.Url, r.Error, r.ExecutionId?.ToString());
        table.WriteTo(Console.Out, 70);
    }
}
