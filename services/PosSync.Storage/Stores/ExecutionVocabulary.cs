namespace PosSync.Storage.Stores;

/// <summary>The statuses an execution goes through, as support reads them.</summary>
public static class ExecutionStatus
{
    public const string Running = "running";
    public const string Success = "success";
    public const string Warning = "warning";
    public const string Error = "error";
    public const string Waiting = "waiting";
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [Running, Success, Warning, Error, Waiting, Skipped];
}

/// <summary>The pipeline's stages, in the order a day goes through them.</summary>
public static class Stage
{
    /// <summary>Started by the scheduler or an operator, waiting for a worker to pick it up.</summary>
    public const string Queued = "queued";

    /// <summary>Handed by a stage to the next one, waiting on its queue (a back-fill may keep it there long): not stuck.</summary>
    public const string Handover = "handover";
    public const string Ingest = "ingest";
    public const string Reconcile = "reconcile";
    public const string Export = "export";
}

public static class EventLevel
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
}
