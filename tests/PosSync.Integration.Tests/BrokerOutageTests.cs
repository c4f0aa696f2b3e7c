using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Pipeline;
using PosSync.ServiceDefaults;

namespace PosSync.Integration.Tests;

/// <summary>
/// What Kubernetes sees of a worker while its broker is away. The broker is a node of the test's
/// own (stopping run.sh's shared one would fail the tests running next to this one).
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class BrokerOutageTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Ready_answers_503_while_the_broker_is_stopped_and_200_again_once_it_is_back_while_live_stays_200(
        CancellationToken cancellationToken)
    {
        await using var broker = await RabbitMqNode.StartAsync(cancellationToken);
        var data = Directory.CreateTempSubdirectory("possync-outage-");
        try
        {
            var app = WorkerHost.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--Messaging:Transport=RabbitMq",
                "--Messaging:RabbitMq:Host=127.0.0.1",
                $"--Messaging:RabbitMq:Port={broker.Port}",
                "--Messaging:TemporaryQueues=true",
                "--Messaging:StartTimeoutSeconds=30",
                $"--Storage:DataDirectory={data.FullName}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:MassTransit=Critical",
            ], "possync-reconciliation", bus => bus.AddReconciliationStage());
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                var live = new Uri(new Uri(address), "/health/live");
                var ready = new Uri(new Uri(address), "/health/ready");

                Assert.That(await StatusAsync(http, ready, cancellationToken), Is.EqualTo(HttpStatusCode.OK), "ready with the broker up");

                await broker.StopAsync(cancellationToken);
                var (readyWhileDown, body) = await WaitForAsync(http, ready, HttpStatusCode.ServiceUnavailable, cancellationToken);
                Assert.That(
                    readyWhileDown,
                    Is.EqualTo(HttpStatusCode.ServiceUnavailable),
                    $"ready with the broker stopped, within {Bound.TotalSeconds} s (last body: {body})");
                Assert.That(
                    await StatusAsync(http, live, cancellationToken),
                    Is.EqualTo(HttpStatusCode.OK),
                    "live with the broker stopped: the pod must not be restarted");

                await broker.StartAgainAsync(cancellationToken);
                var (readyAgain, bodyAgain) = await WaitForAsync(http, ready, HttpStatusCode.OK, cancellationToken);
                Assert.That(
                    readyAgain,
                    Is.EqualTo(HttpStatusCode.OK),
                    $"ready once the broker is back, within {Bound.TotalSeconds} s (last body: {bodyAgain})");
                Assert.That(await StatusAsync(http, live, cancellationToken), Is.EqualTo(HttpStatusCode.OK), "live once the broker is back");

                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await app.StopAsync(stop.Token);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Polls until the endpoint answers <paramref name="expected"/> or <see cref="Bound"/> passes; returns the last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(
        HttpClient http,
        Uri uri,
        HttpStatusCode expected,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline) return (response.StatusCode, body);
            await Task.Delay(500, cancellationToken);
        }
    }
}
