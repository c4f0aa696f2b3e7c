namespace PosSync.Connectors;

/// <summary>A connector's answer: a value, or the failure that kept it from one.</summary>
public sealed record ConnectorResult<T>(T? Value, ConnectorFailure? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>What the connector had to do differently, which support must read in the day's execution log.</summary>
    public IReadOnlyList<ConnectorNotice> Notices { get; init; } = [];

    public static ConnectorResult<T> Ok(T value) => new(value, null);
    public static ConnectorResult<T> Fail(ConnectorFailure failure) => new(default, failure);
}
