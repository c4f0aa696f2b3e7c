using System.Text.Json;
using MassTransit.Serialization;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>The largest day PosSync books still fits in one message of RabbitMQ 3.x's default size.</summary>
public class LargeDayMessageTests
{
    /// <summary>RabbitMQ 3.x's default max_message_size; 4.x lowers it to 16 MiB (README: operators set it back).</summary>
    private const long RabbitMq3DefaultMaxMessage = 128L * 1024 * 1024;

    [Test]
    public void A_day_of_the_maximum_JSON_travels_in_a_message_under_RabbitMQ_3_default_maximum()
    {
        var day = new RandomDays(7).Next(orderCount: 500);
        var options = MessageJson.Configure(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));
        var message = JsonSerializer.SerializeToUtf8Bytes(
            new ServiceDayIngested { Run = TestWorld.Run("c-brasserie", "2025-03-14"), Day = day },
            options);
        var canonical = ServiceDayWriter.WriteUtf8(day);
        var ratio = message.Length / (double)canonical.Length;

        TestContext.Out.WriteLine(
            $"message ÷ canonical JSON: {ratio:N2}; a day of the maximum: {DayLimits.MaxJsonBytes * ratio / 1024 / 1024:N0} MiB");
        Assert.That(DayLimits.MaxJsonBytes * ratio, Is.LessThan(RabbitMq3DefaultMaxMessage));
    }
}
