using System.ComponentModel.DataAnnotations;

namespace PosSync.ServiceDefaults;

/// <summary>Section "Messaging": which transport carries the pipeline's messages, and how.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Prefixes every queue name; tests use a unique one per run so runs never share queues.</summary>
    [RegularExpression("^[a-z0-9-]*$", ErrorMessage = "must be lower-case letters, digits and '-'")]
    public string EndpointPrefix { get; set; } = "";

    /// <summary>Service-day work is heavy: prefetch about as many messages as are processed at once.</summary>
    [Range(1, 256)]
    public int PrefetchCount { get; set; } = 4;

    /// <summary>Queues that disappear with their last consumer; for test runs, never for production.</summary>
    public bool TemporaryQueues { get; set; }

    [Range(1, 600)]
    public int StartTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a stage (and its fault handler) keeps retrying a transient fault — a database busy,
    /// locked or failing over — before the message faults; a run left behind is picked up again by
    /// the scheduler once its lease ends.
    /// </summary>
    [Range(1, 3600)]
    public int RetryPatienceSeconds { get; set; } = (int)Pipeline.TransientRetry.DefaultPatience.TotalSeconds;
}
