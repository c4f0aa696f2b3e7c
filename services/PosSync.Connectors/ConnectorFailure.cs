using PosSync.Domain.Outcomes;

namespace PosSync.Connectors;

/// <summary>A failure the day's execution records: a stable code, a message support can act on, and its kind.</summary>
public sealed record ConnectorFailure(string Code, string Message, FailureKind Kind)
{
    public static ConnectorFailure Pos(FailureKind kind, string message) => new(CodeFor(CodeRole.Pos, kind), message, kind);
    public static ConnectorFailure Accounting(FailureKind kind, string message) => new(CodeFor(CodeRole.Accounting, kind), message, kind);
    public static ConnectorFailure DayTooLarge(string message) => Pos(FailureKind.DayTooLarge, message);

    private static OutcomeCode CodeFor(CodeRole side, FailureKind kind) => (kind, side) switch
    {
        (FailureKind.Auth, _) => OutcomeCodes.AuthOf(side),
        (FailureKind.Unavailable, CodeRole.Pos) => OutcomeCodes.PosUnavailable,
        (FailureKind.Unavailable, _) => OutcomeCodes.AccountingUnavailable,
        (FailureKind.Rejected, CodeRole.Pos) => OutcomeCodes.PosRejected,
        (FailureKind.Rejected, _) => OutcomeCodes.AccountingRejected,
        (FailureKind.InvalidData, CodeRole.Pos) => OutcomeCodes.PosInvalidData,
        (FailureKind.InvalidData, _) => OutcomeCodes.AccountingInvalidData,
        (FailureKind.QuotaSpent, CodeRole.Pos) => OutcomeCodes.PosQuotaSpent,
        (FailureKind.QuotaSpent, _) => OutcomeCodes.AccountingQuotaSpent,
        (FailureKind.DayTooLarge, _) => OutcomeCodes.DayTooLarge,
        _ => OutcomeCodes.ConnectorNotAvailable,
    };
}
