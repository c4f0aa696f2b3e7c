using PosSync.Domain.Days;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

public class BusinessDayTests
{
    private static readonly Configuration.Location Centre = ReferenceConfiguration.Load().Locations[0];

    [TestCase("2025-03-15T02:30:00Z", "2025-03-14", TestName = "Closed at 03:30 Paris time with a 04:00 cut-off belongs to the previous day")]
    [TestCase("2025-03-15T03:30:00Z", "2025-03-15", TestName = "Closed at 04:30 Paris time belongs to that day")]
    [TestCase("2025-03-30T01:30:00Z", "2025-03-29", TestName = "Closed at 03:30 summer time on the DST night belongs to the previous day")]
    [TestCase("2025-03-30T02:30:00Z", "2025-03-30", TestName = "Closed at 04:30 summer time on the DST night belongs to that day")]
    [TestCase("2025-10-26T02:30:00Z", "2025-10-25", TestName = "Closed at 03:30 winter time after the clocks go back belongs to the previous day")]
    [TestCase("2025-10-26T03:30:00Z", "2025-10-26", TestName = "Closed at 04:30 winter time after the clocks go back belongs to that day")]
    [TestCase("2025-10-26T01:30:00Z", "2025-10-25", TestName = "Closed at 02:30 local on the night clocks go back belongs to the previous day")]
    public void An_order_without_service_date_belongs_to_the_local_closing_day_shifted_by_the_cutoff(string closedUtc, string expectedDay)
    {
        var order = new OrderBuilder("O-1", DateOnly.Parse("2025-01-01")).NoServiceDate().ClosedAt(closedUtc).Build();

        Assert.That(BusinessDayRules.DayOf(order, Centre, DateOnly.Parse("2025-01-01")), Is.EqualTo(DateOnly.Parse(expectedDay)));
    }

    [Test]
    public void The_service_date_wins_over_the_closing_time()
    {
        var order = new OrderBuilder("O-1", DateOnly.Parse("2025-03-14")).ClosedAt("2025-03-16T12:00:00Z").Build();

        Assert.That(BusinessDayRules.DayOf(order, Centre, DateOnly.Parse("2025-03-01")), Is.EqualTo(DateOnly.Parse("2025-03-14")));
    }
}
