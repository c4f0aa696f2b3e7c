using PosSync.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PosSync.Cli.Bench;

/// <summary>
/// Deletes the queues and exchanges a benchmark made on RabbitMQ. Its queues go away with their
/// consumers already (temporary queues); exchanges, and error queues a faulted message made, stay
/// unless deleted. One that is gone already is fine.
/// </summary>
public static class BenchBrokerCleanup
{
    public static async Task DeleteAsync(MessagingOptions messaging, IEnumerable<BenchEntityNames> sides, CancellationToken cancellationToken)
    {
        var factory = messaging.RabbitMq.ConnectionFactory("possync-bench-cleanup");
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            // The figures (or the error that ended the run) matter more than the tidying: say what is left.
            await Console.Error.WriteLineAsync($"warning: the benchmark's exchanges on {messaging.RabbitMq.Host} were not deleted: {e.Message}");
            return;
        }
        await using var _ = connection;
        foreach (var side in sides)
        {
            // A queue's own exchange bears its name.
            foreach (var queue in side.Queues)
            {
                await TryAsync(connection, channel => channel.QueueDeleteAsync(queue, cancellationToken: cancellationToken), cancellationToken);
                await TryAsync(connection, channel => channel.ExchangeDeleteAsync(queue, cancellationToken: cancellationToken), cancellationToken);
            }
            foreach (var exchange in side.Exchanges)
                await TryAsync(connection, channel => channel.ExchangeDeleteAsync(exchange, cancellationToken: cancellationToken), cancellationToken);
        }
    }

    private static async Task TryAsync(IConnection connection, Func<IChannel, Task> delete, CancellationToken cancellationToken)
    {
        // A channel per entity: the broker closes a channel whose command it refused.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await delete(channel);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            // Never made, or gone with its last consumer.
        }
    }
}
