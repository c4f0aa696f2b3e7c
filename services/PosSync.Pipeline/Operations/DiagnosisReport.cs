namespace PosSync.Pipeline.Operations;

public sealed record DiagnosisReport(string ConsumerId, DateOnly Day, IReadOnlyList<Check> Checks, string Next);
