namespace PosSync.Storage;

/// <summary>Credentials were encrypted with another key: every connection must be reconnected, or the key restored.</summary>
public sealed class SecretsKeyMismatchException(string message) : Exception(message);
