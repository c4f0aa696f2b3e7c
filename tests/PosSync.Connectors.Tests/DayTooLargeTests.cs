using PosSync.Connectors.Lightspeed;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Sandbox;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>A day past the largest PosSync books is refused by the connector, in one line, before it is built.</summary>
public class DayTooLargeTests
{
    private static readonly Domain.Configuration.Location Centre =
        new(VendorWorld.Centre, "Centre", TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), TimeSpan.FromHours(4));

    private static ServiceDay DayOf(int orders)
    {
        var one = BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre);
        var order = one.Orders[0];
        return one with { Orders = Enumerable.Range(1, orders).Select(i => order with { Id = $"O-{i}" }).ToList() };
    }

    [Test]
    public async Task A_Lightspeed_day_with_one_order_more_than_the_maximum_ends_DAY_TOO_LARGE_naming_both()
    {
        // A day this size takes the sandbox seconds to answer; the default 2 s is for small days.
        await using var rig = await ConnectorRig.StartAsync(timeoutSeconds: 120, transientRetries: 0);
        rig.Vendors.AddDay(DayOf(DayLimits.MaxOrders + 1));

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure?.Code, Is.EqualTo("DAY_TOO_LARGE"));
        Assert.That(fetched.Failure!.Message, Does.Contain("60,001 orders").And.Contain("at most 60,000 orders").And.Contain("Split the day"));
        Assert.That(fetched.Failure.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public async Task A_Lightspeed_day_of_the_maximum_is_read_whole()
    {
        // A day this size takes the sandbox seconds to answer; the default 2 s is for small days.
        await using var rig = await ConnectorRig.StartAsync(timeoutSeconds: 120, transientRetries: 0);
        rig.Vendors.AddDay(DayOf(DayLimits.MaxOrders));

        var fetched = await rig.Pos<LightspeedConnector>().FetchDayAsync(rig.Context, Centre, new DateOnly(2025, 3, 14), CancellationToken.None);

        Assert.That(fetched.Failure, Is.Null, fetched.Failure?.Message);
        Assert.That(fetched.Value!.Day!.Orders, Has.Count.EqualTo(DayLimits.MaxOrders));
    }
}
