using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosSync.Storage.Stores;

/// <summary>
/// The statuses an execution goes through, as a type: each has one stored word (SQL views,
/// dashboards and support read the words, so they never change), written and read only here — by
/// the database (<see cref="TypeHandlers"/>), JSON and text alike. No other status can be made.
/// </summary>
[JsonConverter(typeof(ExecutionStatusJsonConverter))]
public readonly record struct ExecutionStatus
{
    public static readonly ExecutionStatus Running = new("running");
    public static readonly ExecutionStatus Success = new("success");
    public static readonly ExecutionStatus Warning = new("warning");
    public static readonly ExecutionStatus Error = new("error");
    public static readonly ExecutionStatus Waiting = new("waiting");
    public static readonly ExecutionStatus Skipped = new("skipped");

    public static readonly IReadOnlyList<ExecutionStatus> All = [Running, Success, Warning, Error, Waiting, Skipped];

    private ExecutionStatus(string word) => Word = word;

    /// <summary>The stored word.</summary>
    public string Word { get; }

    public override string ToString() => Word;

    /// <summary>The status stored as <paramref name="word"/>, or null for a word that is none.</summary>
    public static ExecutionStatus? Find(string? word) => All.FirstOrDefault(s => s.Word == word) is { Word: not null } found ? found : null;

    /// <summary>The status a stored word names; a word that names none is a broken row, said as such.</summary>
    public static ExecutionStatus Parse(string word) =>
        Find(word) ?? throw new FormatException($"\"{word}\" is not an execution status (one of {string.Join(", ", All)}).");
}

internal sealed class ExecutionStatusJsonConverter : JsonConverter<ExecutionStatus>
{
    public override ExecutionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExecutionStatus.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, ExecutionStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.Word);

    // Counts by status are dictionaries keyed by it ({"success": 3, "error": 1}).
    public override ExecutionStatus ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExecutionStatus.Parse(reader.GetString() ?? "");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ExecutionStatus value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Word);
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
