using PosSync.Connectors.Http;
using PosSync.Connectors.Recording;

namespace PosSync.Connectors.Tests;

public class HttpPlumbingTests
{
    [Test]
    public async Task The_limiter_never_lets_more_than_its_permits_through_in_any_window()
    {
        var limiter = new ConnectionRateLimiter(5, TimeSpan.FromMilliseconds(300), TimeProvider.System);
        var granted = new List<DateTimeOffset>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await limiter.WaitAsync(CancellationToken.None);
                lock (granted) granted.Add(DateTimeOffset.UtcNow);
            }
        })));

        var times = granted.Order().ToList();
        for (var i = 5; i < times.Count; i++)
            Assert.That(times[i] - times[i - 5], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)), $"permit {i}");
    }

    [TestCase(3)]
    [TestCase(null, TestName = "Without a concurrency limit only the window limits calls")]
    public async Task The_limiter_never_lets_more_calls_than_its_concurrency_limit_await_their_answer(int? concurrent)
    {
        var limiter = new ConnectionRateLimiter(100, TimeSpan.FromSeconds(1), TimeProvider.System, concurrent);
        var inFlight = 0;
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            using (await limiter.EnterAsync(CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (limiter) peak = Math.Max(peak, now);
                await Task.Delay(50);
                Interlocked.Decrement(ref inFlight);
            }
        })));

        if (concurrent is { } limit) Assert.That(peak, Is.InRange(2, limit));
        else Assert.That(peak, Is.GreaterThan(3));
    }

    [Test]
    public async Task A_pause_asked_by_the_vendor_holds_every_caller_of_the_connection()
    {
        var limiter = new ConnectionRateLimiter(100, TimeSpan.FromSeconds(1), TimeProvider.System);
        limiter.PauseUntil(DateTimeOffset.UtcNow.AddMilliseconds(400));
        var started = DateTimeOffset.UtcNow;

        await limiter.WaitAsync(CancellationToken.None);

        Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380)));
    }

    [TestCase("https://api.example/f/v2/x?date=2025-03-14&access_token=abc123", "https://api.example/f/v2/x?date=2025-03-14&access_token=***")]
    [TestCase("https://user:p4ss@api.example/path", "https://api.example/path")]
    [TestCase("https://api.example/oauth?client_secret=s3cr3t&code=xyz&x=1", "https://api.example/oauth?client_secret=***&code=***&x=1")]
    public void Secrets_never_survive_in_a_stored_URL(string url, string expected)
    {
        Assert.That(SecretRedactor.Url(url), Is.EqualTo(expected));
    }

    [Test]
    public void Bearer_tokens_are_masked_in_free_text()
    {
        Assert.That(
            SecretRedactor.Text("failed with Authorization: Bearer at-0123456789abcdef"),
            Is.EqualTo("failed with Authorization: Bearer ***"));
    }

    [TestCase("{\"error\":\"Entry lines are not balanced\",\"status\":422}", "Entry lines are not balanced")]
    [TestCase("{\"message\":\"period closed\",\"code\":\"ClosedPeriod\"}", "period closed")]
    [TestCase("{\"errors\":[{\"category\":\"INVALID_REQUEST_ERROR\",\"code\":\"INVALID_CURSOR\",\"detail\":\"bad " +
        "cursor\"}]}", "INVALID_CURSOR: bad cursor",
        TestName = "Square's error keeps its code before its detail: support and the connector act on the code")]
    [TestCase("Rate limit exceeded. Please retry in 3 seconds.", "Rate limit exceeded. Please retry in 3 seconds.")]
    public void The_vendors_own_message_is_kept_verbatim(string body, string expected)
    {
        Assert.That(VendorMessage.From(body), Is.EqualTo(expected));
    }
}
