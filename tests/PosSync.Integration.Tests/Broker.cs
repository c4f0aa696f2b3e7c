using RabbitMQ.Client;
using PosSync.Testing;
using RabbitMQ.Client.Exceptions;

namespace PosSync.Integration.Tests;

/// <summary>The private RabbitMQ that tests/run.sh starts on loopback, and a look into its queues.</summary>
public static class Broker
{
    private static Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { HostName = TestBroker.Host, Port = TestBroker.Port, UserName = "guest", Password = "guest" }.CreateConnectionAsync();

    /// <summary>Messages waiting in a queue; 0 when the queue was never created.</summary>
    public static async Task<uint> MessageCountAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue);
            return declared.MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>What `possync` needs to reach this broker with the workers' queue prefix, as environment variables.</summary>
    public static Dictionary<string, string> CliEnvironment(string prefix) => new()
    {
        ["Messaging__Transport"] = "RabbitMq",
        ["Messaging__RabbitMq__Host"] = TestBroker.Host,
        ["Messaging__RabbitMq__Port"] = TestBroker.Port.ToString(),
        ["Messaging__EndpointPrefix"] = prefix,
    };

    public static async Task DeleteQueuesAsync(IEnumerable<string> queues)
    {
        await using var connection = await ConnectAsync();
        foreach (var queue in queues)
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(queue);
        }
    }
}
