namespace PosSync.Domain.Outcomes;

/// <summary>
/// An outcome code: the word stored on executions, events and issues (SQL views, dashboards and
/// support read it, so it never changes) with its traits. Reads as its word wherever a string is expected.
/// </summary>
public sealed record OutcomeCode(string Word, CodeKind Kind, CodeRole Role, RetryPolicy Retry)
{
    public bool IsOutage => Kind == CodeKind.Outage;

    public override string ToString() => Word;

    public static implicit operator string(OutcomeCode code) => code.Word;
}
