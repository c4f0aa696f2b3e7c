namespace PosSync.Pipeline.Operations;

/// <summary>Where the tolerance a run was judged with comes from, the most exact first.</summary>
public enum ToleranceSource
{
    /// <summary>Recorded on the run when the reconciliation judged it.</summary>
    RecordedWithRun,
    /// <summary>Written in the details of the run's sum mismatch.</summary>
    BalanceCheck,
    /// <summary>The old value of the first change after the run, in the configuration history.</summary>
    History,
    /// <summary>Nothing recorded: today's tolerance, said as such.</summary>
    Today,
}
