namespace PosSync.ServiceDefaults;

/// <summary>A setting PosSync cannot start with; its message names the setting by its path.</summary>
public sealed class PosSyncConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
