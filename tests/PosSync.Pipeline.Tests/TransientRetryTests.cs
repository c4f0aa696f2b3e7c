namespace PosSync.Pipeline.Tests;

/// <summary>The pauses a stage waits between tries of a transient fault, for the patience an operator sets.</summary>
public class TransientRetryTests
{
    [TestCase(60, new[] { 0.2, 1, 2, 5, 10, 15, 26.8 }, TestName = "The default minute starts short and ends with what is left")]
    [TestCase(3, new[] { 0.2, 1, 1.8 }, TestName = "Three seconds make three short pauses")]
    [TestCase(120, new[] { 0.2, 1, 2, 5, 10, 15, 30, 30, 26.8 }, TestName = "Two minutes go on in 30 second pauses")]
    public void The_pauses_add_up_to_the_patience(int patienceSeconds, double[] expectedSeconds)
    {
        var retry = new TransientRetry(TimeSpan.FromSeconds(patienceSeconds));

        Assert.That(retry.Pauses.Select(p => Math.Round(p.TotalSeconds, 3)), Is.EqualTo(expectedSeconds));
        Assert.That(retry.TotalPause, Is.EqualTo(TimeSpan.FromSeconds(patienceSeconds)));
    }

    [Test]
    public void A_patience_of_nothing_is_refused()
    {
        Assert.That(() => new TransientRetry(TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
