namespace PosSync.Domain.Input;

/// <summary>
/// One copy of the words a day repeats on every line (category and payment method ids, item
/// descriptions): a 50,000-order day keeps a few hundred strings instead of hundreds of thousands.
/// Bounded, so a day whose every description differs costs no more than without it.
/// </summary>
internal sealed class TextPool
{
    private const int MaxEntries = 10_000;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string Share(string text)
    {
        if (_texts.TryGetValue(text, out var shared)) return shared;
        if (_texts.Count < MaxEntries) _texts.Add(text, text);
        return text;
    }
}
