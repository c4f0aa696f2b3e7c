using PosSync.Domain.Booking;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// The "Tolerance" check of a judged day: the tolerance in force at its run and its changes since
/// (<see cref="ToleranceAtRun"/>), and a warning when today's is loose for a day like this one — a
/// real mistake could then be booked as a difference. The advice is about today's setting, the
/// only one the client can still change; a tolerance loose at the run and lowered since is said, not advised.
/// </summary>
public static class ToleranceCheck
{
    public const string Name = "Tolerance";

    /// <summary>Above this share of the day's sales a tolerance is loose (a 2 % gap is no rounding).</summary>
    public const decimal LooseShare = 0.02m;

    /// <param name="figures">The day's sales and tips, when the day was stored.</param>
    public static (Check Check, string? Next) Judge(string where, ToleranceAtRun tolerance, DayFigures? figures)
    {
        var evidence = tolerance.Describe();
        if (figures is not { Sales: > 0 } day) return (new Check(where, Name, Verdict.Info, evidence), null);

        var sales = $"the day's sales {Money.Format(day.Sales)} (VAT included, tips excluded)";
        var limit = day.Sales * LooseShare;
        if (tolerance.Today > limit)
        {
            var which = tolerance.Today == tolerance.Tolerance ? "it" : $"today's {Money.Format(tolerance.Today)}";
            return (new Check(where, Name, Verdict.Warning,
                    $"{evidence}; {which} is {tolerance.Today / day.Sales:P1} of {sales}: "
                    + "advise lowering it, a real mistake could be booked as a difference"),
                $"Advise the client to lower the tolerance (settings.tolerance) below {Money.Format(Money.Round(limit))}.");
        }
        if (tolerance.Tolerance > limit)
        {
            return (new Check(where, Name, Verdict.Info,
                $"{evidence}; it was {tolerance.Tolerance / day.Sales:P1} of {sales} at this run, lowered since"), null);
        }
        return (new Check(where, Name, Verdict.Info, evidence), null);
    }
}
