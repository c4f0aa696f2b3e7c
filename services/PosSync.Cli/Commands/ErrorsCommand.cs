using System.CommandLine;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync errors list | redrive: what faulted in a stage's _error queue, and moving it back.</summary>
public static class ErrorsCommand
{
    private static readonly Option<string> Queue = new("--queue") { Description = "The stage queue (pos-ingest, reconciliation, " +
        "accounting-export, with its prefix) or its _error queue", Required = true, Recursive = true };
    private static readonly Option<string?> Host = new("--rabbitmq-host") { Description = "RabbitMQ host (default: Messaging__RabbitMq__Host)",
        Recursive = true };
    private static readonly Option<int?> Port = new("--rabbitmq-port") { Description = "RabbitMQ port (default: Messaging__RabbitMq__Port)",
        Recursive = true };

    public static Command Create()
    {
        var list = new Command("list", "The faulted messages of a stage: message type, day, exception, time");
        list.SetAction(async (result, cancel) =>
        {
            var messages = await Queues(result).ListAsync(result.GetValue(Queue)!, cancel);
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(messages);
                return 0;
            }
            Console.WriteLine($"{messages.Count} message(s) in {ErrorQueues.ErrorQueue(result.GetValue(Queue)!)}");
            var table = new Table("faulted at", "message", "day", "retries", "exception");
            foreach (var m in messages) table.Row(m.FaultedAt, m.MessageType, m.Day, m.RetryCount.ToString(), m.Exception);
            table.WriteTo(Console.Out, 90);
            return 0;
        });
        var limit = new Option<int>("--limit") { Description = "At most this many messages", DefaultValueFactory = _ => 1000 };
        var redrive = new Command("redrive", "Move faulted messages back to their stage's queue, to be processed again") { limit };
        redrive.SetAction(async (result, cancel) =>
        {
            var most = OptionChecks.Limit(result.GetValue(limit), int.MaxValue);
            var moved = await Queues(result).RedriveAsync(result.GetValue(Queue)!, most, cancel);
            Console.WriteLine($"Moved {moved} message(s) from {ErrorQueues.ErrorQueue(result.GetValue(Queue)!)} back to " +
                $"{ErrorQueues.SourceQueue(result.GetValue(Queue)!)}.");
            return 0;
        });
        return new Command("errors", "A stage's _error queue on RabbitMQ") { Queue, Host, Port, list, redrive };
    }

    private static ErrorQueues Queues(ParseResult result)
    {
        var rabbit = OptionsCheck.Bind<MessagingOptions>(Configuration(result.GetValue(Data)), MessagingOptions.Section).RabbitMq;
        if (result.GetValue(Host) is { } host) rabbit.Host = host;
        if (result.GetValue(Port) is { } port) rabbit.Port = port;
        return new ErrorQueues(rabbit);
    }
}
