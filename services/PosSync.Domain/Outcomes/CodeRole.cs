namespace PosSync.Domain.Outcomes;

/// <summary>Which side a code speaks of.</summary>
public enum CodeRole { Pos, Accounting, Pipeline }
