using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MassTransit.Serialization;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// The day in ServiceDayIngested is written once: the ingest stage's snapshot bytes are what the
/// message carries, and messages of the earlier form, still on a broker after an upgrade, read the same.
/// </summary>
public class ServiceDayMessageFormTests
{
    /// <summary>The options the workers' buses write and read messages with.</summary>
    private static readonly JsonSerializerOptions Workers =
        MessageJson.Configure(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));

    /// <summary>The options of the workers before this form: the serializer's camelCase shape of the day.</summary>
    private static readonly JsonSerializerOptions Earlier = WithoutDayConverter();

    private static JsonSerializerOptions WithoutDayConverter()
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options) { WriteIndented = false };
        foreach (var converter in options.Converters.OfType<ServiceDayJsonConverter>().ToList()) options.Converters.Remove(converter);
        return options;
    }

    private static ServiceDay TaxedAndRoundedDay() => DayBuilder.For("2025-03-14")
        .Order("O-1", o => o.ItemWithTaxes(1, 10.00m, 10.80m, "cat-food", [new(6, 0.60m), new(2.5m, 0.25m)])
            .Rounding(-0.05m).Pay("pm-cash", 10.80m))
        .Order("O-2", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
        .Build();

    private static byte[] Written(ServiceDay day, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToUtf8Bytes(new ServiceDayIngested { Run = TestWorld.Run("c-brasserie", "2025-03-14"), Day = day }, options);

    /// <summary>The canonical JSON the message carries, uncompressed.</summary>
    private static string DayInMessage(byte[] message)
    {
        var compressed = JsonDocument.Parse(message).RootElement.GetProperty("day").GetBytesFromBase64();
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return text.ReadToEnd();
    }

    [Test]
    public void The_message_copies_the_snapshot_bytes_instead_of_writing_the_day_again()
    {
        var day = new RandomDays(7).Next(orderCount: 40, location: "loc-1");
        var snapshot = ServiceDayJsonConverter.Canonical(day);
        // Marked after the write: only a message made from these very bytes can carry the mark.
        var at = Encoding.UTF8.GetString(snapshot).IndexOf("\"loc-1\"", StringComparison.Ordinal) + "\"loc-".Length;
        snapshot[at] = (byte)'9';

        var message = Written(day, Workers);

        Assert.That(DayInMessage(message), Is.EqualTo(Encoding.UTF8.GetString(snapshot)));
        Assert.That(JsonSerializer.Deserialize<ServiceDayIngested>(message, Workers)!.Day.LocationId, Is.EqualTo("loc-9"));
        Assert.That(ServiceDayJsonConverter.Canonical(day), Is.SameAs(snapshot), "a second call writes nothing either");
    }

    [Test]
    public void A_day_never_archived_is_written_in_the_canonical_form_all_the_same()
    {
        var day = TaxedAndRoundedDay();

        var message = Written(day, Workers);

        Assert.That(DayInMessage(message), Is.EqualTo(ServiceDayWriter.Write(day)));
    }

    [Test]
    public void A_message_of_the_earlier_form_left_on_a_broker_reads_the_same_day()
    {
        var day = TaxedAndRoundedDay();
        var earlier = Written(day, Earlier);
        Assert.That(JsonDocument.Parse(earlier).RootElement.GetProperty("day").GetProperty("locationId").GetString(), Is.EqualTo("loc-1"),
            "the earlier form is the serializer's own object");

        // As MassTransit reads it: the envelope's message as an element, then the message type from it.
        var read = JsonSerializer.SerializeToElement(JsonDocument.Parse(earlier).RootElement, Workers).Deserialize<ServiceDayIngested>(Workers)!;

        Assert.That(ServiceDayWriter.Write(read.Day), Is.EqualTo(ServiceDayWriter.Write(day)));
    }

    [Test]
    public void A_day_crosses_the_message_exactly_even_with_texts_an_input_file_may_not_hold()
    {
        // What a POS may send and its connector keeps: an empty receipt number, a line break, a long name, a repeated order id.
        var built = TaxedAndRoundedDay();
        var first = built.Orders[0] with
        {
            OrderNumber = "",
            Items = [built.Orders[0].Items[0] with { Description = "Menu \"du jour\" \\ café\n" + new string('x', 600) }],
        };
        var day = built with { Orders = [first, built.Orders[1], built.Orders[1]] };

        var read = JsonSerializer.Deserialize<ServiceDayIngested>(
            Written(day, Workers), Workers)!;

        Assert.That(ServiceDayWriter.Write(read.Day), Is.EqualTo(ServiceDayWriter.Write(day)));
        Assert.That(ServiceDayReader.ReadJson(ServiceDayWriter.WriteUtf8(day)).IsValid, Is.False, "as an input file the same day is refused");
    }

    [Test]
    public void A_broken_day_in_a_message_is_refused_naming_the_field()
    {
        var text = ServiceDayWriter.Write(TaxedAndRoundedDay())
            .Replace("\"business_date\":\"2025-03-14\",", "", StringComparison.Ordinal);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ServiceDayIngested>(
            WithDay(Convert.ToBase64String(compressed.ToArray())), Workers));

        Assert.That(refused!.Message, Does.Contain("business_date"));
    }

    /// <summary>A message of the workers' form whose day is <paramref name="base64"/>.</summary>
    private static string WithDay(string base64)
    {
        var message = Encoding.UTF8.GetString(Written(TaxedAndRoundedDay(), Workers));
        var day = JsonDocument.Parse(message).RootElement.GetProperty("day").GetString()!;
        return message.Replace(day, base64, StringComparison.Ordinal);
    }

    [Test]
    public void A_day_in_a_message_that_is_not_compressed_is_refused_in_one_line()
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ServiceDayIngested>(
            WithDay(Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('x', 40)))), Workers));

        Assert.That(refused!.Message, Does.StartWith("A service day in a message"));
    }

    [Test]
    public void A_day_in_a_message_claiming_more_than_its_compressed_bytes_can_hold_is_refused_before_any_buffer()
    {
        // A valid gzip header and a trailer claiming 100 MiB: what a hostile or broken message could say.
        var lying = new byte[40];
        lying[0] = 0x1f;
        lying[1] = 0x8b;
        lying[2] = 8;
        BitConverter.TryWriteBytes(lying.AsSpan(36), 100 * 1024 * 1024);

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ServiceDayIngested>(
            WithDay(Convert.ToBase64String(lying)), Workers));

        Assert.That(refused!.Message, Does.Contain("more than its 40 compressed bytes can hold"));
    }

    [Test]
    public void A_message_carries_the_day_in_a_fraction_of_its_json()
    {
        var day = new RandomDays(11).Next(orderCount: 200);

        var message = Written(day, Workers);

        Assert.That(message.Length, Is.LessThan(ServiceDayWriter.WriteUtf8(day).Length / 3));
    }
}
