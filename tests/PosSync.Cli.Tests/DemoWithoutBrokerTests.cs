using System.Net;
using System.Net.Sockets;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>The demo asked to run over RabbitMQ where no broker listens.</summary>
public class DemoWithoutBrokerTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task The_demo_over_RabbitMQ_with_no_broker_says_so_in_one_line_naming_the_address_and_exits_1()
    {
        var port = NobodyListens();
        var folder = Path.Combine(Path.GetTempPath(), "possync-demo-nobroker-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await Possync.RunAsync(TimeSpan.FromMinutes(2),
                new Dictionary<string, string> { ["Messaging__StartTimeoutSeconds"] = "5" }, null,
                "demo", "--transport", "rabbitmq", "--rabbitmq-host", "127.0.0.1", "--rabbitmq-port", port.ToString(), "--data", folder);

            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Errors.TrimEnd(), Is.EqualTo(
                $"error: the message broker at 127.0.0.1:{port} (virtual host /, user guest) could not be reached: Connection refused. "
                + "Check Messaging:RabbitMq (or --rabbitmq-host/--rabbitmq-port) and that RabbitMQ is running."));
            Assert.That(result.Output + result.Errors, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A loopback port that was free a moment ago: a connection there is refused.</summary>
    private static int NobodyListens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
