namespace PosSync.Testing;

/// <summary>
/// Real time moved by <see cref="Offset"/>: a test jumps to "24 hours after the day closed" while time
/// still passes, so rate limits and leases measured on this clock clear as they would.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves to that instant; time goes on from there.</summary>
    public void MoveTo(DateTimeOffset at) => Offset = at - System.GetUtcNow();
}
