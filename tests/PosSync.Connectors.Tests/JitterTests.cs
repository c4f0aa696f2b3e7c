using PosSync.Connectors.Http;

namespace PosSync.Connectors.Tests;

/// <summary>A 429 without Retry-After waits a doubling backoff spread by jitter, so throttled clients do not come back together.</summary>
public class JitterTests
{
    [TestCase(0.0, 500, TestName = "The smallest draw waits half the backoff")]
    [TestCase(0.5, 1000, TestName = "The middle draw waits the backoff itself")]
    [TestCase(0.999, 1499, TestName = "The largest draw waits almost one and a half times the backoff")]
    [TestCase(7.0, 1500, TestName = "A draw out of range is held to the largest spread")]
    public void A_wait_is_spread_between_half_and_one_and_a_half_times_itself(double random, int milliseconds)
    {
        Assert.That(Jitter.Spread(TimeSpan.FromSeconds(1), random).TotalMilliseconds, Is.EqualTo(milliseconds));
    }
}
