using PosSync.Contracts;

namespace PosSync.Pipeline.Operations;

/// <summary>A day the scheduler should run now, and why (a recheck re-reads a done day, see <see cref="RecheckRules"/>).</summary>
public sealed record DueDay(string LocationId, DateOnly Date, int Attempt, string Why, DayTrigger Trigger = DayTrigger.Schedule);
