using System.ComponentModel.DataAnnotations;

namespace PosSync.ServiceDefaults;

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
