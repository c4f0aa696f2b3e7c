using PosSync.Contracts;

namespace PosSync.Pipeline.Operations;

/// <summary>One day the scheduler or an operator asked to run, and what became of the request.</summary>
public sealed record RequestedDay(
    string ConsumerId, string LocationId, DateOnly Date, DayTrigger Trigger, int Attempt, string Why,
    StartResult Result, Guid ExecutionId);
