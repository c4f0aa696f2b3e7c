using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Support;
using PosSync.Pipeline;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync connect: the end of a vendor's OAuth consent — the authorisation code becomes stored
/// credentials, the connection is active again and its credential issue resolved. The code is
/// read from standard input, never from the command line, where shells and process lists keep it.
/// </summary>
public static class ConnectCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var role = new Option<string>("--role") { Description = "pos or accounting", Required = true };
        var command = new Command("connect", "Store the credentials of a consumer's POS or accounting tool from an OAuth authorisation code read on standard input") { id, role };
        command.SetAction(async (result, cancel) =>
        {
            var which = result.GetValue(role) switch
            {
                "pos" => ConnectorRole.Pos,
                "accounting" => ConnectorRole.Accounting,
                var other => throw new OperationRefusedException($"--role must be pos or accounting, not \"{other}\"."),
            };
            var code = (await Console.In.ReadLineAsync(cancel))?.Trim();
            if (string.IsNullOrEmpty(code)) throw new OperationRefusedException("Give the authorisation code on standard input.");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var state = await services.GetRequiredService<ConsumerStates>().GetAsync(result.GetValue(id)!, cancel);
            var connector = (which == ConnectorRole.Pos ? state.Config.Pos : state.Config.Accounting)?.Connector
                            ?? throw new OperationRefusedException($"{state.Config.ConsumerId} has no {result.GetValue(role)} tool configured.");
            if (connector is not ("lightspeed" or "pennylane")) throw new OperationRefusedException($"{connector} does not connect through OAuth.");
            var failure = await services.GetRequiredService<Reconnection>().AuthorizeAsync(state.Config.ConsumerId, which, connector, code, cancel);
            if (failure is not null)
            {
                Console.Error.WriteLine($"error: {failure.Message}");
                return 1;
            }
            Console.WriteLine($"{connector} connected for {state.Config.ConsumerId}; the connection is active.");
            return 0;
        });
        return command;
    }
}
