using System.ComponentModel.DataAnnotations;
using PosSync.Storage;

namespace PosSync.ServiceDefaults;

public enum MessagingTransport { InMemory, RabbitMq }

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

/// <summary>Bound explicitly: MassTransit's own default host is "rabbitmq" inside containers.</summary>
public sealed class RabbitMqOptions
{
    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required(AllowEmptyStrings = false)]
    public string VirtualHost { get; set; } = "/";

    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "guest";

    /// <summary>A secret: never logged, never part of a message.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "guest";

    /// <summary>A plain client's connection to this broker (the operator tools' look into queues), named in the broker's list.</summary>
    public RabbitMQ.Client.ConnectionFactory ConnectionFactory(string clientName) => new()
    {
        HostName = Host, Port = Port, VirtualHost = VirtualHost, UserName = Username, Password = Password, ClientProvidedName = clientName,
    };
}

/// <summary>Section "Storage": the database of configuration, day ledger and execution log.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageEngine Engine { get; set; } = StorageEngine.Sqlite;

    /// <summary>SQL Server connection string (a secret), or a SQLite one; empty: SQLite in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The embedded default's home: the SQLite file and the file connectors' folders.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".possync";

    /// <summary>Apply migrations when the process starts (the embedded default); production runs `possync migrate` once instead.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Engine == StorageEngine.Sqlite;

    public RetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// How long a SQLite statement waits for a lock held by another process (default 30 s, the
    /// workers'); the CLI sets 10 s so a person is told about a locked database within seconds.
    /// </summary>
    [Range(1, 600)]
    public int? LockTimeoutSeconds { get; set; }

    public Database CreateDatabase() => Engine == StorageEngine.SqlServer
        ? Database.SqlServer(ConnectionString!)
        : string.IsNullOrWhiteSpace(ConnectionString)
            ? Database.SqliteFile(EnsureDataDirectory(), LockTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : Database.Sqlite(ConnectionString);

    /// <summary>The data folder, made when missing; a folder that cannot be made is a configuration error, not a crash.</summary>
    public string EnsureDataDirectory()
    {
        try
        {
            Directory.CreateDirectory(DataDirectory);
            return DataDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PosSyncConfigurationException($"{Section}:DataDirectory (--data) {Path.GetFullPath(DataDirectory)} cannot be used: {e.Message}",
                e);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == StorageEngine.SqlServer && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("must be set when Engine is SqlServer", [nameof(ConnectionString)]);
    }
}

/// <summary>Section "Connectors": where the file connectors read and write (defaults under the data folder).</summary>
public sealed class ConnectorsOptions
{
    public const string Section = "Connectors";

    public string? PosFolder { get; set; }
    public string? EntriesFolder { get; set; }
    public string? FecFolder { get; set; }
}
