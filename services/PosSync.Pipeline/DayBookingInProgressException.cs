namespace PosSync.Pipeline;

/// <summary>Another delivery of the same day holds its booking claim; it will be done in a moment.</summary>
public sealed class DayBookingInProgressException(string day)
    : Exception($"Another delivery is booking {day} right now; this one waits for it to finish.");
