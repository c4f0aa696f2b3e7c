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
