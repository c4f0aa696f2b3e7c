using PosSync.Domain.Days;

namespace PosSync.Domain.Tests;

/// <summary>
/// The window of a business day for a POS without closures (Square): from the cut-off in the
/// location's zone to the next day's, closed a grace later — daylight-saving days included.
/// </summary>
public class BusinessDayWindowTests
{
    [TestCase(
        "Europe/London", "2025-06-02", "04:00", "2025-06-02T03:00:00Z", "2025-06-03T03:00:00Z",
        TestName = "A London summer day runs from 04:00 BST to 04:00 BST")]
    [TestCase(
        "Europe/London", "2025-01-15", "04:00", "2025-01-15T04:00:00Z", "2025-01-16T04:00:00Z",
        TestName = "A London winter day runs from 04:00 GMT")]
    [TestCase(
        "America/New_York", "2025-03-09", "00:00", "2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z",
        TestName = "The day New York springs forward is 23 hours long")]
    [TestCase(
        "Europe/Paris", "2025-10-25", "04:00", "2025-10-25T02:00:00Z", "2025-10-26T03:00:00Z",
        TestName = "The business day over the night Paris falls back is 25 hours long")]
    [TestCase(
        "Europe/London", "2025-03-30", "01:30", "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z",
        TestName = "A cut-off the clocks skip starts the day when they resume")]
    [TestCase(
        "Europe/London", "2025-10-26", "01:30", "2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z",
        TestName = "A cut-off the clocks show twice is its first showing")]
    [TestCase(
        "UTC", "2025-06-02", "00:00", "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z",
        TestName = "A location without a zone runs midnight to midnight UTC")]
    public void The_window_of_a_day(string zone, string day, string cutoff, string start, string end)
    {
        var window = BusinessDayWindow.Of(
            DateOnly.Parse(day),
            TimeZoneInfo.FindSystemTimeZoneById(zone),
            TimeSpan.Parse(cutoff),
            TimeSpan.FromHours(2));

        Assert.That((window.Start, window.End), Is.EqualTo((DateTimeOffset.Parse(start), DateTimeOffset.Parse(end))));
        Assert.That(window.ClosesAt, Is.EqualTo(window.End.AddHours(2)));
        Assert.That(window.LastMillisecond, Is.EqualTo(window.End.AddMilliseconds(-1)));
    }

    [TestCase("2025-06-03T04:59:59Z", false, TestName = "Within the grace after its end the day is still open")]
    [TestCase("2025-06-03T05:00:00Z", true, TestName = "Once the grace is over the day is closed")]
    public void A_day_closes_a_grace_after_its_end(string now, bool closed)
    {
        var window = BusinessDayWindow.Of(
            new DateOnly(2025, 6, 2),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            TimeSpan.FromHours(4),
            TimeSpan.FromHours(2));

        Assert.That(window.IsClosedAt(DateTimeOffset.Parse(now)), Is.EqualTo(closed));
    }
}
