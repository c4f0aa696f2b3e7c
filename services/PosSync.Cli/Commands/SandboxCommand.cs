using System.CommandLine;
using PosSync.Cli.Demo;
using PosSync.Sandbox;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync sandbox: the Lightspeed, Pennylane, Square and Xero sandboxes standalone on 127.0.0.1, seeded with
/// the demo's businesses, a Square pub and a UK café's Xero organisation, until Ctrl+C — to try a connector by hand or script faults from outside.
/// </summary>
public static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: a free one)", DefaultValueFactory = _ => 0 };
        var command = new Command("sandbox",
            "Run the vendor sandboxes (Lightspeed, Pennylane, Square, Xero) on loopback with the demo's data") { port };
        command.SetAction(async (result, cancel) =>
        {
            await using var sandbox = await SandboxHost.StartAsync(result.GetValue(port), cancellationToken: cancel);
            DemoSandbox.Seed(sandbox);
            DemoSquare.Seed(sandbox);
            sandbox.Lightspeed.Faults.Clear();
            sandbox.Pennylane.Faults.Clear();
            Console.WriteLine(
                $"Lightspeed K-Series sandbox: {sandbox.LightspeedUrl}  (OAuth client {sandbox.Lightspeed.OAuth.ClientId}, scope financial-api)");
            Console.WriteLine($"Pennylane sandbox:          {sandbox.PennylaneUrl}  (OAuth client {sandbox.Pennylane.OAuth.ClientId})");
            Console.WriteLine(
                $"Square sandbox:             {sandbox.SquareUrl}  (OAuth client {sandbox.Square.OAuth.ClientId}, seller {DemoSquare.Merchant}, " +
                              $"location {DemoSquare.Soho.Id}, Square-Version 2025-08-20)");
            var xero = sandbox.Xero.AddOrganisation("acct-cafe-uk", "Corner Café Ltd").WithUkChart();
            Console.WriteLine(
                $"Xero sandbox:               {sandbox.XeroUrl}  (OAuth client {sandbox.Xero.OAuth.ClientId}, organisation {xero.Name}, " +
                    $"xero-tenant-id {xero.TenantId})");
            Console.WriteLine($"Script a fault:  curl -X POST {sandbox.BaseAddress}_sandbox/faults -H 'content-type: application/json' " +
                              "-d '{\"vendor\":\"pennylane\",\"route\":\"ledger_entries.post\",\"kind\":\"CommitThenFail\",\"times\":1}'");
            Console.WriteLine($"See the ledger:  curl {sandbox.BaseAddress}_sandbox/pennylane/acct-brasserie/entries");
            Console.WriteLine("Ctrl+C stops the sandboxes.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way out.
            }
            return 0;
        });
        return command;
    }
}
