using System.Text;
using System.Text.Json.Nodes;
using PosSync.Domain.Days;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>
/// The day is read order by order rather than as one tree: what it says about a day, good or bad,
/// must be what it said when it read the tree.
/// </summary>
public class ServiceDayStreamingTests
{
    private static string S01Json() => ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"));

    private static IReadOnlyList<string> Problems(string json) => ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(json)).Problems;

    [Test]
    public void Problems_around_the_orders_are_listed_before_the_orders_problems_wherever_the_orders_stand()
    {
        var node = JsonNode.Parse(S01Json())!.AsObject();
        var orders = node["orders"]!.DeepClone();
        node.Remove("orders");
        node.Remove("location_id");
        orders[0]!["total"] = "much";
        var ordersFirst = new JsonObject { ["orders"] = orders };
        foreach (var (name, value) in node) ordersFirst[name] = value?.DeepClone();

        var problems = Problems(ordersFirst.ToJsonString());

        Assert.That(problems, Is.EqualTo(new[] { "location_id is required", "orders[0].total must be a number, not the string \"much\"" }));
    }

    [TestCase("{\"orders\":[],\"orders\":3}", "orders must be an array, not the number 3")]
    [TestCase("{\"orders\":3,\"orders\":[]}", null)]
    [TestCase("{\"orders\":null}", "orders is required")]
    public void A_field_given_twice_counts_the_last_time_as_in_a_tree(string orders, string? expected)
    {
        var node = JsonNode.Parse(S01Json())!.AsObject();
        node.Remove("orders");
        var json = node.ToJsonString()[..^1] + "," + orders[1..];

        var problems = Problems(json);

        Assert.That(problems, expected is null ? Is.Empty : Is.EqualTo(new[] { expected }));
    }

    [TestCase("{} {}")]
    [TestCase("{\"orders\":[{\"id\":\"1\"}")]
    [TestCase("{\"orders\":[{\"id\":\"1\"},]}")]
    public void Broken_or_trailing_JSON_is_refused_as_not_JSON_and_nothing_else(string json)
    {
        Assert.That(Problems(json), Has.Count.EqualTo(1).And.One.StartsWith("the input is not valid JSON"));
    }

    [Test]
    public void A_day_that_is_not_an_object_is_refused_as_before()
    {
        Assert.That(Problems("[1,2]"), Is.EqualTo(new[] { "day must be an object, not an array" }));
    }

    [Test]
    public void Items_repeating_a_category_and_a_payment_method_keep_one_copy_of_each_text()
    {
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 10.00m, 11.00m, 1.00m, 10).Pay("pm-card", 11.00m))
            .Order("O-2", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
            .Build();

        var read = ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(ServiceDayWriter.Write(day))).Value!;

        Assert.That(read.Orders[1].Items[0].CategoryId, Is.SameAs(read.Orders[0].Items[0].CategoryId));
        Assert.That(read.Orders[1].Payments[0].PaymentMethodId, Is.SameAs(read.Orders[0].Payments[0].PaymentMethodId));
        Assert.That(read.Orders[1].Id, Is.Not.SameAs(read.Orders[0].Id));
    }
}
