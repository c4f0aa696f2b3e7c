using MassTransit;
using PosSync.Pipeline.Operations;
using PosSync.Pipeline.Stages;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PosSync.ServiceDefaults;

/// <summary>
/// The three stage queues on RabbitMQ, named as the workers name them, looked at with a passive
/// declare: its count is of messages ready for delivery (a message a worker holds is not waiting).
/// A queue that does not exist holds nothing; a broker that cannot be reached tells nothing, so the
/// queues are not assumed drained (the publish that follows says what is wrong with the broker).
/// </summary>
public sealed class RabbitMqStageQueues(MessagingOptions messaging) : IStageQueues
{
    public IReadOnlyList<string> Names { get; } = StageQueueNames(messaging.EndpointPrefix);

    public static IReadOnlyList<string> StageQueueNames(string prefix) => new StageEndpointNames(prefix).StageQueues();

    public async Task<bool> AreDrainedAsync(CancellationToken cancellationToken)
    {
        var factory = messaging.RabbitMq.ConnectionFactory("possync-stage-queues");
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException)
        {
            return false;
        }
        await using (connection)
        {
            foreach (var queue in Names)
            {
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    if ((await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount > 0) return false;
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    // Never declared: no worker of that stage ever ran, and nothing waits there.
                }
            }
        }
        return true;
    }
}
