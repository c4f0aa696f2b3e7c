using System.Text.Json.Serialization;

namespace PosSync.Contracts;

/// <summary>Why a day run was started. Support reads it on every execution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DayTrigger>))]
public enum DayTrigger
{
    Schedule,
    Manual,
    Retry,
    Reimport,

    /// <summary>The scheduler reads a booked day again for orders its POS received late (Square's offline tills).</summary>
    Recheck,
}

/// <summary>
/// The identity of one run of one service day: which day (consumer, location, business date),
/// which execution records it, why it runs and which attempt it is. Every message carries it,
/// so any stage can be replayed from its message alone.
/// </summary>
public sealed record DayRun
{
    public required Guid ExecutionId { get; init; }
    public required string ConsumerId { get; init; }
    public required string LocationId { get; init; }
    public required DateOnly BusinessDate { get; init; }
    public DayTrigger Trigger { get; init; } = DayTrigger.Schedule;
    public int Attempt { get; init; } = 1;

    /// <summary>Books a day before the consumer's start date; only an operator sets it.</summary>
    public bool ForceBeforeStartDate { get; init; }

    public override string ToString() => $"{ConsumerId}/{LocationId}/{BusinessDate:yyyy-MM-dd} (execution {ExecutionId}, {Trigger}, attempt {Attempt})";
}
