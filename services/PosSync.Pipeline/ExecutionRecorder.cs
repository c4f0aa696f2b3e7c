using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PosSync.Contracts;
using PosSync.Domain.Input;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// Every stage writes the execution log through this: the execution created when a day run starts,
/// the stage it reached, events with structured details, and one final status with its code and
/// message. The same facts go to the application log and to metrics.
/// </summary>
public sealed partial class ExecutionRecorder(ExecutionLog log, ILogger<ExecutionRecorder> logger)
{

    public IDisposable? Scope(DayRun run, string stage) => logger.BeginScope(new Dictionary<string, object>
    {
        ["ExecutionId"] = run.ExecutionId,
        ["ConsumerId"] = run.ConsumerId,
        ["LocationId"] = run.LocationId,
        ["BusinessDate"] = run.BusinessDate.ToString("yyyy-MM-dd"),
        ["Stage"] = stage,
    });

    /// <summary>
    /// Moves a running execution to the stage and reads, in the same round trip, what the stage
    /// begins with (<see cref="StageEntrance"/>).
    /// </summary>
    public Task<StageEntrance> EnterStageAsync(DayRun run, string stage, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("possync.execution_id", run.ExecutionId.ToString());
        Activity.Current?.SetTag("possync.consumer_id", run.ConsumerId);
        return log.EnterStageAsync(run, stage, cancellationToken);
    }

    /// <summary>
    /// Creates the execution, at the stage, when it did not exist as the stage entered. The first
    /// stage is exclusive: while another run of the same day is going on, this one is not started
    /// at all (false: "already running", nothing changed).
    /// </summary>
    /// <param name="firstEvent">The run's first event (info), if the stage says one: the first stage writes it with the run.</param>
    public async Task<bool> StartAsync(DayRun run, string stage, string? firstEvent, CancellationToken cancellationToken)
    {
        if (stage == Stage.Ingest)
            return await log.TryStartAsync(run, stage, PipelineTelemetry.CurrentTraceId(), cancellationToken, firstEvent: firstEvent);
        await log.StartAsync(run, stage, PipelineTelemetry.CurrentTraceId(), cancellationToken);
        if (firstEvent is not null) await InfoAsync(run, stage, firstEvent, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Moves the execution to the stage (a run re-opened after the stage entered).</summary>
    public Task SetStageAsync(DayRun run, string stage, CancellationToken cancellationToken) =>
        log.SetStageAsync(run.ExecutionId, stage, cancellationToken);

    /// <summary>
    /// The stage handed the run to the next one: until that stage takes it, the run waits on a queue
    /// (stage handover, with the queued lease), however long a back-fill keeps it there, and is not stuck.
    /// </summary>
    /// <remarks>
    /// The event saying what the stage did goes in the same round trip, and with it what the stage has still to write:
    /// the settings the run was judged with, the day's snapshot, the request rows its calls made.
    /// </remarks>
    public Task HandOffAsync(DayRun run, string stage, string message, JsonObject? details, CancellationToken cancellationToken,
        RunSettings? settings = null, byte[]? snapshot = null, HeldRequests? held = null) =>
        log.AddEventAndHandOverAsync(run.Key(), run.ExecutionId, stage, message, Json(details), cancellationToken, settings, snapshot, held);

    /// <summary>
    /// Records the settings the run is judged with, before the reconciliation decides: a later
    /// diagnosis judges the day by the tolerance in force then, whatever the configuration says by then.
    /// </summary>
    public Task JudgedWithAsync(DayRun run, RunSettings settings, CancellationToken cancellationToken) =>
        log.RecordSettingsAsync(run.ExecutionId, settings.Tolerance, settings.RoundingThreshold, settings.BookingMode, cancellationToken);

    /// <summary>The settings of the configuration as the run records them.</summary>
    public static RunSettings SettingsOf(PosSync.Domain.Configuration.Settings settings) =>
        new(settings.Tolerance, settings.RoundingThreshold, settings.RevenueMode.ToString().ToLowerInvariant());

    public Task InfoAsync(DayRun run, string stage, string message, JsonObject? details = null, string? code = null,
        CancellationToken cancellationToken = default, HeldRequests? held = null) =>
        log.AddEventAsync(run.ExecutionId, stage, EventLevel.Info, code, message, details?.ToJsonString(JsonText.Serializer),
            cancellationToken, held);

    public Task WarnAsync(DayRun run, string stage, string code, string message, JsonObject? details = null,
        CancellationToken cancellationToken = default, HeldRequests? held = null)
    {
        LogWarning(code, message);
        return log.AddEventAsync(run.ExecutionId, stage, EventLevel.Warning, code, message, details?.ToJsonString(JsonText.Serializer),
            cancellationToken, held);
    }

    /// <summary>Ends the run with an event saying why; a run that already ended keeps its first ending.</summary>
    /// <param name="held">Request rows the stage holds: written with the ending, whether or not it ends the run.</param>
    public async Task FinishAsync(DayRun run, ExecutionOutcome result, string message, JsonObject? details, CancellationToken cancellationToken,
        HeldRequests? held = null)
    {
        // A run that already ended (a duplicate, a late fault) keeps its ending and its story: nothing is added.
        if (await log.FinishWithEventAsync(run.ExecutionId, result, LevelOf(result), message, Json(details), cancellationToken, held))
            Finished(result, message);
    }

    /// <summary>Writes the request rows a stage still holds as it ends (nothing when it holds none: no round trip).</summary>
    public Task WriteHeldAsync(HeldRequests held) => log.WriteHeldAsync(held, CancellationToken.None);

    /// <summary>
    /// Books the day in the ledger (while the run's claim holds) and ends the run with an event, in
    /// one round trip; false when the claim was lost and nothing was written.
    /// </summary>
    public async Task<bool> FinishBookedAsync(DayRun run, LedgerBooking booking, ExecutionOutcome result, string message, JsonObject? details,
        CancellationToken cancellationToken, HeldRequests? held = null)
    {
        var (booked, finished) = await log.FinishBookedAsync(run.Key(), booking, result, LevelOf(result), message, Json(details),
            cancellationToken, held);
        if (finished) Finished(result, message);
        return booked;
    }

    private static string? Json(JsonObject? details) => details?.ToJsonString(JsonText.Serializer);

    private static string LevelOf(ExecutionOutcome result) =>
        result.Status == ExecutionStatus.Error ? EventLevel.Error
        : result.Status == ExecutionStatus.Warning ? EventLevel.Warning
        : EventLevel.Info;

    private void Finished(ExecutionOutcome result, string message)
    {
        PipelineTelemetry.DaysFinished.Add(1,
            new KeyValuePair<string, object?>("status", result.Status.Word),
            new KeyValuePair<string, object?>("stage", result.Stage),
            new KeyValuePair<string, object?>("code", result.ErrorCode ?? "none"));
        if (result.Status == ExecutionStatus.Error) LogFailed(result.Stage, result.ErrorCode, message);
        else LogFinished(result.Status.Word, result.Stage, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service day ended {Status} at {Stage}: {Summary}")]
    private partial void LogFinished(string status, string stage, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service day failed at {Stage} with {Code}: {Summary}")]
    private partial void LogFailed(string stage, string? code, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Code}: {Summary}")]
    private partial void LogWarning(string code, string summary);
}
