using PosSync.Domain.Outcomes;

namespace PosSync.Domain.Enablement;

/// <summary>
/// The catalogue of the reasons a sync is not enabled: <see cref="SyncEnablement"/> gives them,
/// the diagnosis and support's views name them from here, never by a string of their own.
/// </summary>
public static class EnablementCodes
{
    /// <summary>A setting or mapping the booking needs is missing (the message names its path).</summary>
    public static readonly EnablementCode MappingMissing = new("MAPPING_MISSING");
    public static readonly EnablementCode PosNotConnected = new("POS_NOT_CONNECTED");
    public static readonly EnablementCode AccountingNotConnected = new("ACCOUNTING_NOT_CONNECTED");
    /// <summary>The connection is configured but no credentials are stored yet.</summary>
    public static readonly EnablementCode PosPending = new("POS_PENDING");
    public static readonly EnablementCode AccountingPending = new("ACCOUNTING_PENDING");
    /// <summary>The vendor refused the stored credentials: the client must connect the tool again.</summary>
    public static readonly EnablementCode PosNeedsReconnect = new("POS_NEEDS_RECONNECT");
    public static readonly EnablementCode AccountingNeedsReconnect = new("ACCOUNTING_NEEDS_RECONNECT");

    public static readonly IReadOnlyList<EnablementCode> All =
    [
        MappingMissing, PosNotConnected, AccountingNotConnected, PosPending, AccountingPending, PosNeedsReconnect,
        AccountingNeedsReconnect,
    ];

    public static EnablementCode NotConnected(CodeRole role) => role == CodeRole.Pos ? PosNotConnected : AccountingNotConnected;

    public static EnablementCode Pending(CodeRole role) => role == CodeRole.Pos ? PosPending : AccountingPending;

    public static EnablementCode NeedsReconnect(CodeRole role) => role == CodeRole.Pos ? PosNeedsReconnect : AccountingNeedsReconnect;
}
