namespace PosSync.Storage.Stores;

/// <summary>Which of a client's two connections: the POS its days come from, or the accounting tool they are booked into.</summary>
public enum ConnectorRole { Pos, Accounting }
