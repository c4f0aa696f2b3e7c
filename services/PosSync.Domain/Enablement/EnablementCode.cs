namespace PosSync.Domain.Enablement;

/// <summary>
/// Why a consumer's sync is not enabled, as a code: stored by its <see cref="Word"/> in
/// <c>sync_enablement_reasons</c>, where support's views read it.
/// </summary>
public sealed record EnablementCode(string Word)
{
    public override string ToString() => Word;
}
