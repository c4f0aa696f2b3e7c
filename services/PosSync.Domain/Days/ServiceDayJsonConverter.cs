using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using PosSync.Contracts;

namespace PosSync.Domain.Days;

/// <summary>
/// A day inside a message, in its canonical form (<see cref="ServiceDayWriter"/>): the ingest stage
/// writes the day once, with <see cref="Canonical"/>, archives those bytes as the day's snapshot, and
/// the message copies the same bytes instead of serialising the day a second time. Reads the
/// canonical form, and the form messages had before (the serializer's own, camelCase), which a broker
/// may still hold after an upgrade.
/// </summary>
public sealed class ServiceDayJsonConverter : JsonConverter<ServiceDay>
{
    /// <summary>The bytes written for a day, kept as long as the day itself is.</summary>
    private static readonly ConditionalWeakTable<ServiceDay, byte[]> Written = new();

    /// <summary>The options of the earlier form: the same, without this converter. One per options instance.</summary>
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> EarlierForm = new();

    /// <summary>The day's canonical UTF-8 JSON, written on the first call; a message carrying the day copies these bytes.</summary>
    public static byte[] Canonical(ServiceDay day) => Written.GetValue(day, d => ServiceDayWriter.WriteUtf8(d));

    public override void Write(Utf8JsonWriter writer, ServiceDay value, JsonSerializerOptions options)
    {
        if (Written.TryGetValue(value, out var bytes)) writer.WriteRawValue(bytes, skipInputValidation: true);
        else ServiceDayWriter.WriteDay(writer, value);
    }

    public override ServiceDay Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"A service day must be an object, not {reader.TokenType}.");
        if (!IsCanonical(reader)) return JsonSerializer.Deserialize<ServiceDay>(ref reader, EarlierForm.GetValue(options, WithoutThis))!;
        var parsed = ServiceDayReader.ReadOwn(ref reader);
        return parsed.IsValid ? parsed.Value! : throw new JsonException($"The service day in the message is not valid: {string.Join("; ", parsed.Problems)}");
    }

    /// <summary>
    /// Canonical names are snake_case (<c>location_id</c>, <c>business_date</c>), the earlier form's
    /// camelCase; the first of the day's own fields decides. Read on a copy: the reader itself stays put.
    /// </summary>
    private static bool IsCanonical(Utf8JsonReader peek)
    {
        while (peek.Read() && peek.TokenType == JsonTokenType.PropertyName)
        {
            if (peek.ValueTextEquals("location_id"u8) || peek.ValueTextEquals("business_date"u8)) return true;
            var name = peek.GetString()!;
            if (name.Equals("locationId", StringComparison.OrdinalIgnoreCase) || name.Equals("businessDate", StringComparison.OrdinalIgnoreCase))
                return false;
            peek.Read();
            peek.Skip();
        }
        // Neither: the canonical reader names what is missing.
        return true;
    }

    private static JsonSerializerOptions WithoutThis(JsonSerializerOptions options)
    {
        var earlier = new JsonSerializerOptions(options);
        foreach (var converter in earlier.Converters.OfType<ServiceDayJsonConverter>().ToList()) earlier.Converters.Remove(converter);
        return earlier;
    }
}
