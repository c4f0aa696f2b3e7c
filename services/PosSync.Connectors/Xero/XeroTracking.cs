namespace PosSync.Connectors.Xero;

/// <summary>
/// The tracking every line of a day's journal carries (MJ: a journal line's Tracking, Name and Option): the
/// consumer's tracking category and the option of the day's location. <paramref name="OptionSource"/> says
/// where the option's name came from, for a refusal to name the setting to fix.
/// </summary>
public sealed record XeroTracking(string Category, string Option, string OptionSource);
