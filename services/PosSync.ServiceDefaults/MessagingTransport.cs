namespace PosSync.ServiceDefaults;

public enum MessagingTransport { InMemory, RabbitMq }
