namespace PosSync.Domain.Booking;

/// <summary>
/// Collects the day's unrounded amounts per line (role, account, VAT code), so lines of the same
/// role, account and code merge before the one rounding, then turns them into journal lines on
/// their natural side, or the other side when the net is negative (a refund day).
/// </summary>
internal sealed class EntryLines
{
    private readonly Dictionary<LineKey, LineTotal> _lines = [];

    private readonly record struct LineKey(LineRole Role, string Account, string? VatCode);

    private sealed class LineTotal
    {
        public decimal Amount;
        public readonly SortedSet<string> Labels = new(StringComparer.Ordinal);
        public SortedSet<string>? Names;
    }

    public static bool IsDebitRole(LineRole role) => role is LineRole.Payment or LineRole.Discount or LineRole.Complimentary;

    /// <param name="name">The POS's own name for what is summed (a category, a payment method), when it has one.</param>
    public void Add(LineRole role, string account, string? vatCode, decimal amount, string label, string? name = null)
    {
        var key = new LineKey(role, account, vatCode);
        if (!_lines.TryGetValue(key, out var total))
        {
            total = new LineTotal();
            _lines.Add(key, total);
        }
        total.Amount += amount;
        total.Labels.Add(label);
        if (name is not null) (total.Names ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name);
    }

    /// <summary>The rounded lines, zero lines dropped, each on one side with a positive amount.</summary>
    public List<RoundedLine> Round()
    {
        var rounded = new List<RoundedLine>(_lines.Count + 1);
        foreach (var (key, total) in _lines)
        {
            var amount = Money.Round(total.Amount);
            if (amount == 0) continue;
            rounded.Add(new RoundedLine(key.Role, key.Account, key.VatCode, amount, string.Join(", ", total.Labels),
                total.Names is null ? null : string.Join(", ", total.Names)));
        }
        return rounded;
    }
}
