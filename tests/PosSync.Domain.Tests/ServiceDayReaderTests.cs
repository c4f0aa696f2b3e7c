using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

public class ServiceDayReaderTests
{
    private static string S01Json() => ServiceDayWriter.Write(BookingScenarios.S01Day("2025-03-14"));

    private static IReadOnlyList<string> Problems(string json) => ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(json)).Problems;

    private static IReadOnlyList<string> Problems(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(S01Json())!.AsObject();
        change(node);
        return Problems(node.ToJsonString());
    }

    [Test]
    public void A_written_day_reads_back_equal()
    {
        var day = BookingScenarios.S01Day("2025-03-14");

        var reread = ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(ServiceDayWriter.Write(day))).Value!;

        Assert.That(ServiceDayWriter.Write(reread), Is.EqualTo(ServiceDayWriter.Write(day)));
        Assert.That(reread.Orders[0].Items[0].Total, Is.EqualTo(33.00m));
    }

    private static ServiceDay TaxedAndRoundedDay() => DayBuilder.For("2025-03-14")
        .Order("O-1", o => o.ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", [new(6, 0.60m), new(2.5m, 0.25m)]).Rounding(-0.05m).Pay("pm-cash", 10.80m))
        .Order("O-2", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Build();

    [Test]
    public void A_written_day_with_several_taxes_and_cash_rounding_reads_back_equal()
    {
        var day = TaxedAndRoundedDay();

        var written = ServiceDayWriter.Write(day);
        var reread = ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(written)).Value!;

        Assert.That(ServiceDayWriter.Write(reread), Is.EqualTo(written));
        var item = reread.Orders[0].Items[0];
        Assert.That(item.Taxes, Is.EqualTo(new[] { new ItemTax(6, 0.60m), new ItemTax(2.5m, 0.25m) }));
        Assert.That((item.TaxRate, item.TaxAmount), Is.EqualTo((8.5m, 0.85m)), "the item's rate and VAT are the sums of its taxes");
        Assert.That(reread.Orders[0].Rounding, Is.EqualTo(-0.05m));
        Assert.That(reread.Orders[1].Items[0].Taxes, Is.Empty);
        Assert.That(written, Does.Not.Contain("\"rounding\":0"), "a day without rounding writes as it always did");
    }

    [Test]
    public void A_day_with_several_taxes_and_cash_rounding_survives_the_message_format()
    {
        var day = TaxedAndRoundedDay();
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var message = JsonSerializer.Deserialize<ServiceDayIngested>(
            JsonSerializer.Serialize(new ServiceDayIngested { Run = SomeRun(), Day = day }, options), options)!;

        Assert.That(ServiceDayWriter.Write(message.Day), Is.EqualTo(ServiceDayWriter.Write(day)));
    }

    [Test]
    public void An_item_giving_taxes_and_tax_rate_or_tax_amount_is_refused_naming_the_paths()
    {
        var problems = Problems(d => d["orders"]![0]!["items"]![0]!["taxes"] = JsonNode.Parse("""[ { "rate": 6, "amount": 0.60 } ]"""));

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "orders[0].items[0].tax_rate must not be given with taxes: give either tax_rate and tax_amount, or taxes",
            "orders[0].items[0].tax_amount must not be given with taxes: give either tax_rate and tax_amount, or taxes",
        }));
    }

    [TestCase("[]", "orders[0].items[0].taxes must list at least one tax")]
    [TestCase("{}", "orders[0].items[0].taxes must be an array, not an object")]
    [TestCase("""[ { "rate": 6, "amount": 0.60 }, { "amount": 0.20 } ]""", "orders[0].items[0].taxes[1].rate is required")]
    [TestCase(
        """[ { "rate": 6, "amount": 0.60 }, { "rate": 120, "amount": 0.20 } ]""",
        "orders[0].items[0].taxes[1].rate must be a percentage between 0 and 100")]
    [TestCase("""[ { "rate": 6, "amount": 0.6001 } ]""", "orders[0].items[0].taxes[0].amount must have at most 3 decimals")]
    [TestCase("""[ 6 ]""", "orders[0].items[0].taxes[0] must be an object, not the number 6")]
    public void A_bad_taxes_list_is_refused_naming_the_path(string taxes, string expected)
    {
        var problems = Problems(d =>
        {
            var item = d["orders"]![0]!["items"]![0]!.AsObject();
            item.Remove("tax_rate");
            item.Remove("tax_amount");
            item["taxes"] = JsonNode.Parse(taxes);
        });

        Assert.That(problems.Single(), Does.StartWith(expected));
    }

    [Test]
    public void An_item_with_neither_taxes_nor_tax_rate_and_tax_amount_is_refused_as_before()
    {
        var problems = Problems(d =>
        {
            var item = d["orders"]![0]!["items"]![0]!.AsObject();
            item.Remove("tax_rate");
            item.Remove("tax_amount");
        });

        Assert.That(problems, Is.EqualTo(new[] { "orders[0].items[0].tax_amount is required", "orders[0].items[0].tax_rate is required" }));
    }

    [TestCase("-0.02", null)]
    [TestCase("0.0201", "orders[0].rounding must have at most 3 decimals")]
    [TestCase("\"-0.02\"", "orders[0].rounding must be a number, not the string \"-0.02\"")]
    public void Cash_rounding_is_an_amount_like_the_others(string rounding, string? expected)
    {
        var problems = Problems(d => d["orders"]![0]!["rounding"] = JsonNode.Parse(rounding));

        if (expected is null) Assert.That(problems, Is.Empty);
        else Assert.That(problems.Single(), Does.StartWith(expected));
    }

    private static DayRun SomeRun() => new()
    {
        ExecutionId = Guid.NewGuid(),
        ConsumerId = "c-brasserie",
        LocationId = "loc-1",
        BusinessDate = new DateOnly(2025, 3, 14),
    };

    [Test]
    public void The_example_day_of_booking_rules_reads()
    {
        const string json = """
            { "location_id": "loc-1", "business_date": "2025-03-14", "closure": { "status": "closed" },
              "orders": [ { "id": "O-101", "order_number": "101", "status": "completed",
                  "creation_date": "2025-03-14T19:02:00Z", "closing_date": "2025-03-14T20:15:00Z", "service_date": "2025-03-14",
                  "total": 33.00, "tax_amount": 3.00, "total_discount": 0, "total_refund": 0, "total_tip": 0,
                  "items": [ { "id": "L1", "description": "Plat du jour", "quantity": 2, "unit_price": 15.00,
                      "total": 33.00, "tax_amount": 3.00, "tax_rate": 10, "category_id": "cat-food", "discounts": [] } ],
                  "payments": [ { "id": "P1", "payment_method_id": "pm-card", "payment_method_name": "Card",
                      "total": 33.00, "tip": 0, "status": "Completed" } ] } ] }
            """;

        var parsed = ServiceDayReader.ReadJson(Encoding.UTF8.GetBytes(json));

        Assert.That(parsed.IsValid, Is.True, parsed.Describe());
        Assert.That(parsed.Value!.Orders.Single().ClosingDate, Is.EqualTo(DateTimeOffset.Parse("2025-03-14T20:15:00Z")));
    }

    [Test]
    public void A_missing_item_total_is_named_by_its_path()
    {
        Assert.That(Problems(d => d["orders"]![1]!["items"]![0]!.AsObject().Remove("total")),
            Is.EqualTo(new[] { "orders[1].items[0].total is required" }));
    }

    [Test]
    public void Four_decimals_are_refused()
    {
        Assert.That(Problems(d => d["orders"]![0]!["payments"]![0]!["total"] = 33.0001m).Single(),
            Does.StartWith("orders[0].payments[0].total must have at most 3 decimals"));
    }

    [Test]
    public void Trailing_zeros_are_not_extra_decimals()
    {
        Assert.That(Problems(S01Json().Replace("\"total\":33.00,\"tip\"", "\"total\":33.0000,\"tip\"")), Is.Empty);
    }

    [TestCase("\"33.00\"", "must be a number, not the string \"33.00\"")]
    [TestCase("true", "must be a number, not the boolean true")]
    [TestCase("null", "is required")]
    [TestCase("1e40", "must be a number between")]
    public void A_wrong_type_is_refused_naming_the_field(string json, string expected)
    {
        Assert.That(
            Problems(d => d["orders"]![0]!["total"] = JsonNode.Parse(json)).Single(),
            Is.EqualTo("orders[0].total " + expected).Or.StartWith("orders[0].total " + expected));
    }

    [Test]
    public void NaN_is_not_JSON_and_is_refused_with_its_position()
    {
        var problems = Problems(S01Json().Replace("\"total\":33.00,\"tax_amount\"", "\"total\":NaN,\"tax_amount\""));

        Assert.That(problems.Single(), Does.StartWith("the input is not valid JSON (line 1"));
    }

    [TestCase("closure", "{\"status\":\"half-open\"}", "closure.status must be one of closed, open, not \"half-open\"")]
    [TestCase("business_date", "\"14/03/2025\"", "business_date must be a date (yyyy-MM-dd), not \"14/03/2025\"")]
    [TestCase("location_id", "\"loc-1/../../etc\"", "location_id must contain only letters")]
    [TestCase("orders", "{}", "orders must be an array, not an object")]
    public void A_bad_day_field_is_refused_naming_it(string field, string json, string expected)
    {
        Assert.That(Problems(d => d[field] = JsonNode.Parse(json)).Single(), Does.StartWith(expected));
    }

    [Test]
    public void Unknown_enum_values_are_refused_with_the_allowed_ones()
    {
        var problems = Problems(d =>
        {
            d["orders"]![0]!["payments"]![0]!["status"] = "Paid";
            d["orders"]![0]!["status"] = "refunded";
        });

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "orders[0].status must be one of completed, voided, cancelled, not \"refunded\"",
            "orders[0].payments[0].status must be one of Completed, Authorised, Pending, Canceled, Failed, Unknown, not \"Paid\"",
        }));
    }

    [Test]
    public void Hostile_strings_never_reach_the_message_raw()
    {
        var problems = Problems(d => d["orders"]![0]!["id"] = "O-1\u0000\u001b[31mred" + new string('x', 500));

        Assert.That(problems.Single(), Is.EqualTo("orders[0].id must be at most 200 characters long"));
        var control = Problems(d => d["orders"]![0]!["id"] = "O-1\u001b[31m");
        Assert.That(control.Single(), Is.EqualTo("orders[0].id must not contain control characters"));
    }

    [Test]
    public void A_timestamp_without_an_offset_is_refused_as_ambiguous()
    {
        Assert.That(Problems(d => d["orders"]![0]!["closing_date"] = "2025-03-14T20:15:00").Single(),
            Does.StartWith("orders[0].closing_date must be an ISO 8601 timestamp with an offset"));
    }

    [Test]
    public void The_same_order_twice_is_refused_rather_than_counted_twice()
    {
        Assert.That(Problems(d => d["orders"]![1]!["id"] = "O-101").Single(), Is.EqualTo("orders[1].id repeats order \"O-101\""));
    }

    [Test]
    public void A_hundred_megabytes_of_garbage_is_refused_with_a_clear_message()
    {
        var garbage = new byte[100 * 1024 * 1024];
        new Random(7).NextBytes(garbage);

        var problems = ServiceDayReader.ReadJson(garbage).Problems;

        Assert.That(problems.Single(), Does.StartWith("the input is 100 MiB (104,857,600 bytes); at most 64 MiB (67,108,864 bytes) is accepted"));
    }

    [Test]
    public void Ten_megabytes_of_garbage_under_the_size_limit_is_refused_as_not_JSON()
    {
        var garbage = new byte[10 * 1024 * 1024];
        new Random(8).NextBytes(garbage);

        Assert.That(ServiceDayReader.ReadJson(garbage).Problems.Single(), Does.StartWith("the input is not valid JSON"));
    }

    [Test]
    public void Deeply_nested_input_is_refused_without_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        Assert.That(Problems(deep).Single(), Does.StartWith("the input is not valid JSON"));
    }
}
