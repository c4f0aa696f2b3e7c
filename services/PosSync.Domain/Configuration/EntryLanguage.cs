namespace PosSync.Domain.Configuration;

/// <summary>The language of the labels PosSync writes into a consumer's books.</summary>
public enum EntryLanguage { English, French }
