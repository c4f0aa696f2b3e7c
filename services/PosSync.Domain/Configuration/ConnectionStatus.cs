namespace PosSync.Domain.Configuration;

public enum ConnectionStatus { Active, Pending, NeedsReconnect }
