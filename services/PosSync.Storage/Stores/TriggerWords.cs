using PosSync.Contracts;

namespace PosSync.Storage.Stores;

/// <summary>
/// Why a run started (<see cref="DayTrigger"/>) as its stored word: executions.trigger holds it, SQL views and support
/// read it, so it never changes. Written and read only here, by the execution log (<see cref="ExecutionRecord.TriggerWord"/>)
/// and text alike.
/// </summary>
public static class TriggerWords
{
    private static readonly Dictionary<DayTrigger, string> Words =
        Enum.GetValues<DayTrigger>().ToDictionary(t => t, t => t.ToString().ToLowerInvariant());

    /// <summary>The stored word: schedule, manual, retry, reimport, recheck.</summary>
    public static string Word(this DayTrigger trigger) => Words[trigger];

    /// <summary>The trigger a stored word names; a word that names none is a broken row, said as such.</summary>
    public static DayTrigger Parse(string word) =>
        Words.FirstOrDefault(w => w.Value == word) is { Value: not null } found ? found.Key
        : throw new FormatException($"\"{word}\" is not a run trigger (one of {string.Join(", ", Words.Values)}).");
}
