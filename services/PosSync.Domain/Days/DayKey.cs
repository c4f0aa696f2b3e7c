namespace PosSync.Domain.Days;

/// <summary>A service day's business key: which client, which location, which business date.</summary>
public sealed record DayKey(string ConsumerId, string LocationId, DateOnly BusinessDate)
{
    public override string ToString() => $"{ConsumerId}/{LocationId}/{BusinessDate:yyyy-MM-dd}";
}
