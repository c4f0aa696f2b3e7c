namespace PosSync.Pipeline.Operations;

/// <summary>What renewing one connection's credentials came to.</summary>
public sealed record RenewedConnection(string ConsumerId, string Role, string Connector, string Outcome);
