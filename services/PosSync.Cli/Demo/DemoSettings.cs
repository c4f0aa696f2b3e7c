using PosSync.ServiceDefaults;

namespace PosSync.Cli.Demo;

public sealed record DemoSettings(string DataDirectory, MessagingTransport Transport = MessagingTransport.InMemory,
    string RabbitHost = "localhost", int RabbitPort = 5672);
