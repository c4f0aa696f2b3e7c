using MassTransit;
using RabbitMQ.Client.Exceptions;

namespace PosSync.ServiceDefaults;

/// <summary>
/// Recognises a bus that could not connect to RabbitMQ within Messaging:StartTimeoutSeconds, and says
/// so in one line an operator can act on: the broker's address and the reason, never the password.
/// </summary>
public static class BrokerUnreachable
{
    /// <summary>
    /// MassTransit ends a start that found no broker with RabbitMqConnectionException (connection
    /// refused, unknown host, refused login) or, when the start timeout cut a hanging attempt short,
    /// with a cancellation; either way the worker cannot take work.
    /// </summary>
    public static bool Matches(Exception exception, MessagingOptions messaging, bool stopRequested) =>
        messaging.Transport == MessagingTransport.RabbitMq
        && Chain(exception).Any(e => e is RabbitMqConnectionException or BrokerUnreachableException
            || (e is OperationCanceledException or TimeoutException && !stopRequested));

    public static string Describe(Exception exception, MessagingOptions messaging) =>
        $"{Address(messaging)} could not be reached within Messaging:StartTimeoutSeconds ({messaging.StartTimeoutSeconds} s): " +
            $"{Why(exception, messaging)}. "
        + "Check Messaging:RabbitMq and that RabbitMQ is running; the worker exits so that its supervisor starts it again.";

    /// <summary>A command (possync demo over RabbitMQ, schedule, retry...) that met no broker: the same facts, for a person at a prompt.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        Chain(exception).Any(e => e is RabbitMqConnectionException or BrokerUnreachableException);

    public static string DescribeForCommand(Exception exception, MessagingOptions messaging) =>
        $"{Address(messaging)} could not be reached: {Why(exception, messaging)}. Check Messaging:RabbitMq (or " +
            "--rabbitmq-host/--rabbitmq-port) and that RabbitMQ is running.";

    private static string Address(MessagingOptions messaging)
    {
        var rabbit = messaging.RabbitMq;
        return $"the message broker at {rabbit.Host}:{rabbit.Port} (virtual host {rabbit.VirtualHost}, user {rabbit.Username})";
    }

    private static string Why(Exception exception, MessagingOptions messaging)
    {
        var reason = Chain(exception).Last(e => e is not AggregateException);
        var why = reason is OperationCanceledException or TimeoutException ? "no answer" : reason.Message;
        // RabbitMQ's own messages never carry the password; this keeps it that way whatever they become.
        if (messaging.RabbitMq.Password.Length > 0) why = why.Replace(messaging.RabbitMq.Password, "***", StringComparison.Ordinal);
        return why.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0]
            : e.InnerException)
            yield return e;
    }
}
