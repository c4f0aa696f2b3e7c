namespace PosSync.Connectors;

/// <summary>
/// Something a connector did that the client did not ask for but must know about, although the
/// call succeeded (e.g. a correction booked on today's date because the original period is closed).
/// </summary>
public sealed record ConnectorNotice(string Code, string Message)
{
    /// <summary>A correction went to the correction date: the accounting tool refused the original day.</summary>
    public const string CorrectionDatedToday = "CORRECTION_DATED_TODAY";
}
