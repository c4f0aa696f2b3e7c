namespace PosSync.Storage.Stores;

/// <summary>The settings the reconciliation judged a run with, kept on the run so a later diagnosis reads those, not today's.</summary>
public sealed record RunSettings(decimal Tolerance, decimal RoundingThreshold, string BookingMode);
