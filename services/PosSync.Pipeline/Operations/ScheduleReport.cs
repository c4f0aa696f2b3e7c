namespace PosSync.Pipeline.Operations;

public sealed record ScheduleReport(IReadOnlyList<RequestedDay> Days, IReadOnlyList<PassedConsumer> Passed, IReadOnlyList<RenewedConnection> Renewed);
