using PosSync.Contracts;

namespace PosSync.Connectors;

/// <summary>A POS day: the canonical day, or why the POS has none to give yet (it will be tried again).</summary>
public sealed record PosDay(ServiceDay? Day, string? NotAvailableCode = null, string? NotAvailableMessage = null)
{
    public static PosDay NotYet(string code, string message) => new(null, code, message);
}
