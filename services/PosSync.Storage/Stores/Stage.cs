namespace PosSync.Storage.Stores;

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
