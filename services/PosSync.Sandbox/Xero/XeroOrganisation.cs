namespace PosSync.Sandbox.Xero;

/// <summary>
/// One Xero organisation (a tenant): its chart of accounts, tax rates, manual journals, the idempotency
/// keys it has seen (24 hours, docs/vendors/xero.md "Idempotency-Key") and its call counts for the limits.
/// </summary>
public sealed class XeroOrganisation(Guid tenantId, string name, DateTimeOffset connectedAt)
{
    public Guid TenantId { get; } = tenantId;
    public Guid ConnectionId { get; } = Guid.NewGuid();
    public Guid AuthEventId { get; } = Guid.NewGuid();
    public string Name { get; } = name;
    public DateTimeOffset ConnectedAt { get; } = connectedAt;
    public List<XeroAccount> Accounts { get; } = [];
    public List<XeroTaxRate> TaxRates { get; } = [];
    public List<XeroTrackingCategory> TrackingCategories { get; } = [];
    public List<XeroStoredJournal> Journals { get; } = [];

    /// <summary>The first answer given under each idempotency key: the request body it answered, status and body.</summary>
    public Dictionary<string, (string Request, int Status, string Answer, DateTimeOffset At)> Replays { get; } = new(StringComparer.Ordinal);

    /// <summary>The limits of this tenant (FAQ-LIMITS); a test may lower the day limit to see it reached.</summary>
    public int MinuteLimit { get; set; } = 60;
    public int DayLimit { get; set; } = 5000;
    public int ConcurrentLimit { get; set; } = 5;

    /// <summary>The minute limit's window; a test shortens it to see a long back-fill paced without waiting minutes.</summary>
    public TimeSpan Minute { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long each admitted call takes to answer; a test lengthens it so that calls overlap as they do at Xero.</summary>
    public TimeSpan WorkTime { get; set; }

    /// <summary>The most calls this tenant had in progress at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    internal Queue<DateTimeOffset> Calls { get; } = new();
    internal int InFlight => Volatile.Read(ref _inFlight);
    private int _inFlight;
    private int _peakInFlight;

    /// <summary>A call admitted: counted in progress until <see cref="Leave"/>.</summary>
    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A UK organisation's usual chart for a café: bank, sales, VAT and tips accounts, and the UK tax rates.</summary>
    public XeroOrganisation WithUkChart()
    {
        Accounts.AddRange(
        [
            new(Guid.NewGuid(), "090", "Business Bank Account", "BANK", "ASSET", "NONE"),
            new(Guid.NewGuid(), "200", "Sales", "REVENUE", "REVENUE", "OUTPUT2"),
            new(Guid.NewGuid(), "201", "Sales - Food", "REVENUE", "REVENUE", "OUTPUT2"),
            new(Guid.NewGuid(), "202", "Sales - Drinks", "REVENUE", "REVENUE", "OUTPUT2"),
            new(Guid.NewGuid(), "203", "Sales - Zero rated", "REVENUE", "REVENUE", "ZERORATEDOUTPUT"),
            new(Guid.NewGuid(), "610", "Accounts Receivable", "CURRENT", "ASSET", "NONE", "DEBTORS"),
            new(Guid.NewGuid(), "611", "Card clearing", "CURRENT", "ASSET", "NONE"),
            new(Guid.NewGuid(), "612", "Cash clearing", "CURRENT", "ASSET", "NONE"),
            new(Guid.NewGuid(), "820", "VAT", "CURRLIAB", "LIABILITY", "NONE", "GST"),
            new(Guid.NewGuid(), "825", "Tips payable", "CURRLIAB", "LIABILITY", "NONE"),
            new(Guid.NewGuid(), "860", "Rounding", "CURRLIAB", "LIABILITY", "NONE", "ROUNDING"),
            new(Guid.NewGuid(), "861", "Till differences", "OVERHEADS", "EXPENSE", "NONE"),
            new(Guid.NewGuid(), "862", "Till surpluses", "OTHERINCOME", "REVENUE", "NONE"),
        ]);
        TaxRates.AddRange(
        [
            new("OUTPUT2", "20% (VAT on Income)", 20m, CanApplyToRevenue: true, CanApplyToExpenses: false),
            new("RROUTPUT", "5% (VAT on Income)", 5m, CanApplyToRevenue: true, CanApplyToExpenses: false),
            new("ZERORATEDOUTPUT", "Zero Rated Income", 0m, CanApplyToRevenue: true, CanApplyToExpenses: false),
            new("INPUT2", "20% (VAT on Expenses)", 20m, CanApplyToRevenue: false),
            new("NONE", "No VAT", 0m, CanApplyToRevenue: true),
        ]);
        return this;
    }
}
