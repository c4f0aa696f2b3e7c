using System.Text;
using System.Text.Json;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PosSync.Cli.Support;

/// <summary>
/// A stage's _error queue on RabbitMQ: look at what faulted (type, day, exception, time) without
/// taking it off the queue, or move messages back to the stage's queue to be processed again.
/// </summary>
public sealed class ErrorQueues(RabbitMqOptions rabbit)
{
    private const int MaxListed = 1000;

    public static string ErrorQueue(string queue) => queue.EndsWith("_error", StringComparison.Ordinal) ? queue : queue + "_error";
    public static string SourceQueue(string queue) => queue.EndsWith("_error", StringComparison.Ordinal) ? queue[..^"_error".Length] : queue;

    public async Task<IReadOnlyList<FaultedMessage>> ListAsync(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await EnsureExistsAsync(channel, ErrorQueue(queue), cancellationToken);
        var messages = new List<FaultedMessage>();
        // Unacknowledged gets go back to the queue when the channel closes: listing takes nothing away.
        while (messages.Count < MaxListed && await channel.BasicGetAsync(ErrorQueue(queue), autoAck: false, cancellationToken) is { } delivery)
            messages.Add(Describe(delivery));
        return messages;
    }

    /// <summary>Moves up to <paramref name="limit"/> messages back to the stage's queue; each is acknowledged only once the broker has it
    /// back.</summary>
    public async Task<int> RedriveAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true), cancellationToken);
        await EnsureExistsAsync(channel, ErrorQueue(queue), cancellationToken);
        await EnsureExistsAsync(channel, SourceQueue(queue), cancellationToken);
        var moved = 0;
        while (moved < limit && await channel.BasicGetAsync(ErrorQueue(queue), autoAck: false, cancellationToken) is { } delivery)
        {
            var properties = new BasicProperties(delivery.BasicProperties)
            {
                // The fault headers describe the last failure; the message goes back as it first came.
                Headers = delivery.BasicProperties.Headers?
                    .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason"
                        && !h.Key.StartsWith("MT-Host-", StringComparison.Ordinal))
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            await channel.BasicPublishAsync("", SourceQueue(queue), mandatory: true, properties, delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        return moved;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = rabbit.ConnectionFactory("possync-cli");
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            throw new OperationRefusedException($"RabbitMQ at {rabbit.Host}:{rabbit.Port} (virtual host {rabbit.VirtualHost}) is not " +
                $"reachable: {e.InnerException?.Message ?? e.Message}");
        }
    }

    private static async Task EnsureExistsAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new OperationRefusedException($"There is no queue {queue} on this broker (stage queues are pos-ingest, reconciliation, " +
                "accounting-export, with their prefix if one is set).");
        }
    }

    private static FaultedMessage Describe(BasicGetResult delivery)
    {
        string? Header(string name) => delivery.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
        var type = "unknown";
        string? day = null;
        try
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                && types.GetArrayLength() > 0)
                type = types[0].GetString()!.Replace("urn:message:", "");
            if (envelope.RootElement.TryGetProperty("message", out var message) && message.TryGetProperty("run", out var run))
                day = $"{run.GetProperty("consumerId").GetString()}/{run.GetProperty("locationId").GetString()}/"
                    + $"{run.GetProperty("businessDate").GetString()} (execution {run.GetProperty("executionId").GetString()})";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            type = $"unreadable body ({e.GetType().Name})";
        }
        var exception = Header("MT-Fault-ExceptionType") is { } exceptionType ? $"{exceptionType}: {Header("MT-Fault-Message")}"
            : Header("MT-Reason");
        return new FaultedMessage(type, day, exception is null ? null : Connectors.Recording.SecretRedactor.Text(exception),
            Header("MT-Fault-Timestamp"),
            int.TryParse(Header("MT-Fault-RetryCount"), out var retries) ? retries : 0);
    }
}
