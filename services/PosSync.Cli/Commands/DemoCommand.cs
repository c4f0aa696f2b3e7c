using System.CommandLine;
using PosSync.Cli.Demo;
using PosSync.Cli.Support;
using PosSync.ServiceDefaults;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync demo: the three workers in one process on the embedded default (in-memory transport,
/// SQLite under --data) with the vendor sandboxes, a realistic week for four clients pushed
/// through, and the table of what happened to every day.
/// </summary>
public static class DemoCommand
{
    /// <summary>The demo's folder when --data is not given: the same ./.possync every other command reads by default.</summary>
    public const string DefaultFolder = ".possync";

    public static Command Create()
    {
        // --data is the root's (recursive) option, as for every command: a second one of the demo's own was listed twice in its help.
        var transport = new Option<MessagingTransport>("--transport") { Description = "How the stages pass messages: in this process, or " +
            "over RabbitMQ", HelpName = "inmemory|rabbitmq", DefaultValueFactory = _ => MessagingTransport.InMemory };
        // System.CommandLine takes a number for an enum ("--transport 7"): only a named transport is one.
        transport.Validators.Add(r =>
        {
            // Read from the token: a name that is no transport has already failed conversion, and reading the value would throw.
            if (r.Tokens is [var token] && long.TryParse(token.Value, out _)) r.AddError("--transport names no transport");
        });
        var host = new Option<string>("--rabbitmq-host") { Description = "RabbitMQ host when --transport rabbitmq",
            DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--rabbitmq-port") { Description = "RabbitMQ port when --transport rabbitmq", DefaultValueFactory = _ => 5672 };
        var command = new Command("demo",
            "Run the whole pipeline on a demo week over the vendor sandboxes and print what happened to every day") { transport, host, port };
        command.SetAction(async (result, cancel) =>
        {
            var settings = new DemoSettings(result.GetValue(CliServices.Data) ?? DefaultFolder, result.GetValue(transport),
                result.GetValue(host)!, result.GetValue(port));
            return (await DemoRun.ExecuteAsync(settings, Console.Out, cancel)).ExitCode;
        });
        return command;
    }
}
