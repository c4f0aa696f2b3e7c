namespace PosSync.Pipeline.Operations;

/// <summary>An operator's request that cannot be done as asked; the message says why and what to do instead.</summary>
public sealed class OperationRefusedException(string message) : Exception(message);
