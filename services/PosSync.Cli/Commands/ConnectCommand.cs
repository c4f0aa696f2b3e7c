using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Support;
using PosSync.Connectors.Http;
using PosSync.Pipeline;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync connect: a vendor's OAuth consent, start to end. It prints the consent page's address
/// (support sends it to the client), then reads on standard input the address the client's browser
/// landed on, or the bare code; a state that does not match this consent is refused. The code
/// becomes stored credentials, the connection is active again and its credential issue resolved.
/// The answer is read from standard input, never from the command line, where shells and process
/// lists keep it.
/// </summary>
public static class ConnectCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var role = new Option<string>("--role") { Description = "pos or accounting", Required = true };
        var command = new Command("connect",
            "Connect (or reconnect) a consumer's POS or accounting tool through the vendor's OAuth consent page") { id, role };
        command.SetAction(async (result, cancel) =>
        {
            var which = result.GetValue(role) switch
            {
                "pos" => ConnectorRole.Pos,
                "accounting" => ConnectorRole.Accounting,
                var other => throw new OperationRefusedException($"--role must be pos or accounting, not \"{other}\"."),
            };
            await using var services = await OpenAsync(result.GetValue(Data), cancel, callsVendors: true);
            var state = await services.GetRequiredService<ConsumerStates>().GetAsync(result.GetValue(id)!, cancel);
            var consumerId = state.Config.ConsumerId;
            var connector = (which == ConnectorRole.Pos ? state.Config.Pos : state.Config.Accounting)?.Connector
                            ?? throw new OperationRefusedException($"{consumerId} has no {result.GetValue(role)} tool configured.");
            var reconnection = services.GetRequiredService<Reconnection>();
            var (consent, problem) = reconnection.BeginConsent(consumerId, which, connector);
            if (consent is null) throw new OperationRefusedException(problem!);

            Console.WriteLine($"Send this address to the client of {consumerId}: they log in to {connector} and grant PosSync access " +
                $"(valid {ConsentFlow.Lifetime.TotalMinutes:0} minutes).");
            // AbsoluteUri keeps the escapes (ToString would print a space-separated scope as spaces and break the link).
            Console.WriteLine(consent.Url.AbsoluteUri);
            Console.WriteLine("Then paste here the address their browser landed on (or the code alone):");
            var pasted = await Console.In.ReadLineAsync(cancel);
            if (string.IsNullOrWhiteSpace(pasted)) throw new OperationRefusedException("Nothing was pasted: give the address the browser " +
                "landed on, or the code, on standard input.");
            var refused = await reconnection.CompleteConsentAsync(consumerId, which, connector, pasted, consent, cancel);
            if (refused is not null) throw new OperationRefusedException(refused);
            Console.WriteLine($"{connector} connected for {consumerId}; the connection is active.");
            return 0;
        });
        return command;
    }
}
