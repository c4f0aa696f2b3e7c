namespace PosSync.Domain.Configuration;

public static class EntryLanguages
{
    /// <summary>
    /// Where accounting records are kept in French (France and its overseas departments, Monaco,
    /// Luxembourg; Belgium's French-speaking default), labels default to French; elsewhere to English.
    /// </summary>
    private static readonly HashSet<string> French = ["FR", "MC", "LU", "BE", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"];

    public static EntryLanguage For(Settings settings) =>
        settings.Language ?? (settings.Country is { } country && French.Contains(country) ? EntryLanguage.French : EntryLanguage.English);
}
