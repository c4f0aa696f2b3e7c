using System.Globalization;
using PosSync.Domain.Booking;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// The tolerance a past run was judged with, and how it changed since: diagnose judges a day by the
/// tolerance in force at its run, never by today's, and says when the client changed it (the guide's
/// "date when the change was applied").
/// </summary>
public sealed record ToleranceAtRun(decimal Tolerance, ToleranceSource Source, decimal Today,
    IReadOnlyList<ConfigurationHistoryEntry> ChangedSince, ConfigurationHistoryEntry? SetBefore)
{
    public const string Field = "settings.tolerance";

    /// <param name="recorded">The tolerance recorded on the run (null for runs recorded before PosSync kept it, or not judged).</param>
    /// <param name="balanceCheck">The tolerance in the run's sum mismatch details, if any.</param>
    /// <param name="judgedAt">When the run was judged (its start is close enough: a run is judged within seconds).</param>
    public static ToleranceAtRun Of(decimal? recorded, decimal? balanceCheck, DateTime judgedAt, decimal today,
        IReadOnlyList<ConfigurationHistoryEntry> history)
    {
        var changes = history.Where(h => h.Field == Field).OrderBy(h => h.ChangedAt).ToList();
        var since = changes.Where(h => h.ChangedAt > judgedAt).ToList();
        var before = changes.LastOrDefault(h => h.ChangedAt <= judgedAt);
        if (recorded is { } run) return new(run, ToleranceSource.RecordedWithRun, today, since, before);
        if (balanceCheck is { } check) return new(check, ToleranceSource.BalanceCheck, today, since, before);
        if (since.Count > 0 && Amount(since[0].OldValue) is { } old) return new(old, ToleranceSource.History, today, since, before);
        return new(today, ToleranceSource.Today, today, since, before);
    }

    /// <summary>"the tolerance 50.00 in force at this run" or, with nothing recorded, "today's tolerance 50.00".</summary>
    public string Named => Source == ToleranceSource.Today
        ? $"today's tolerance {Money.Format(Tolerance)}"
        : $"the tolerance {Money.Format(Tolerance)} in force at this run";

    public bool ChangedAfterRun => ChangedSince.Count > 0;

    /// <summary>The evidence support reads: which tolerance judged the run, from where, and every change since.</summary>
    public string Describe()
    {
        var what = Source switch
        {
            ToleranceSource.RecordedWithRun => $"{Money.Format(Tolerance)} in force at this run",
            ToleranceSource.BalanceCheck => $"{Money.Format(Tolerance)} in force at this run (as its balance check recorded it)",
            ToleranceSource.History => $"{Money.Format(Tolerance)} in force at this run (from the configuration history)",
            _ => $"{Money.Format(Tolerance)}, today's: this run was recorded before PosSync kept each run's settings",
        };
        if (ChangedSince.Count > 0)
            return $"{what}; changed since: {string.Join("; ", ChangedSince.Select(ConfigurationHistoryText.Line))}";
        if (SetBefore is { } set)
            return $"{what}; set {ConfigurationHistoryText.Line(set)}, unchanged since";
        if (Source != ToleranceSource.Today)
            return Tolerance == Today ? $"{what}, the same today" : $"{what}; today's is {Money.Format(Today)}";
        return what;
    }

    private static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
