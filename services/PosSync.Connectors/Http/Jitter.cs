namespace PosSync.Connectors.Http;

/// <summary>
/// Randomised backoff ("exponential backoff … a randomized delay", Square's ErrorCategory page): a
/// wait becomes anything from half to one and a half times itself, so clients throttled at the same
/// moment spread out instead of retrying together.
/// </summary>
public static class Jitter
{
    /// <param name="random">A number in [0, 1): 0 gives half the wait, 0.5 the wait itself, toward 1 one and a half times it.</param>
    public static TimeSpan Spread(TimeSpan wait, double random) => wait * (0.5 + Math.Clamp(random, 0, 1));
}
