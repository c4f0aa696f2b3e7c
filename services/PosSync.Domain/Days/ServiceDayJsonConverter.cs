using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using PosSync.Contracts;

namespace PosSync.Domain.Days;

/// <summary>
/// A day inside a message: its canonical JSON (<see cref="ServiceDayWriter"/>), gzip-compressed, as
/// one base64 string. The ingest stage writes the day once, with <see cref="Canonical"/>, archives
/// those bytes as the day's snapshot, and the message compresses the same bytes instead of
/// serialising the day again. Compressed, the message is a fraction of the day's JSON (a demo
/// brasserie day: about an eighth), and one token of it: MassTransit reads each message into a JSON tree
/// first, which for a day of objects held a node for every field of every order, 4× the day's JSON.
/// Also reads the form messages had before (the day as the serializer's own camelCase object),
/// which a broker may still hold after an upgrade.
/// </summary>
public sealed class ServiceDayJsonConverter : JsonConverter<ServiceDay>
{
    /// <summary>Deflate's largest expansion: a compressed byte never stands for more.</summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>The bytes written for a day, kept as long as the day itself is.</summary>
    private static readonly ConditionalWeakTable<ServiceDay, byte[]> Written = new();

    /// <summary>The options of the earlier form: the same, without this converter. One per options instance.</summary>
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> EarlierForm = new();

    /// <summary>The day's canonical UTF-8 JSON, written on the first call; a message carrying the day compresses these bytes.</summary>
    public static byte[] Canonical(ServiceDay day) => Written.GetValue(day, d => ServiceDayWriter.WriteUtf8(d));

    /// <summary>The day's canonical bytes, written now unless a stage already took them (the ingest stage's snapshot).</summary>
    public override void Write(Utf8JsonWriter writer, ServiceDay value, JsonSerializerOptions options)
    {
        var day = Written.TryGetValue(value, out var bytes) ? bytes : ServiceDayWriter.WriteUtf8(value);
        // Fastest: a day compresses some tenfold at any level, and the stage is waiting.
        using var compressed = new MemoryStream(day.Length / 8 + 1024);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(day);
        writer.WriteBase64StringValue(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }

    public override ServiceDay Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
            return JsonSerializer.Deserialize<ServiceDay>(ref reader, EarlierForm.GetValue(options, WithoutThis))!;
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out var compressed) || compressed.Length < 18)
            throw new JsonException("A service day in a message must be its compressed canonical JSON in base64.");

        // Gzip ends with the text's length (modulo 4 GiB, and a day is at most 64 MiB): one buffer of the exact size.
        var length = BinaryPrimitives.ReadInt32LittleEndian(compressed.AsSpan(compressed.Length - 4));
        // The length is the message's word, read before anything is decompressed: a buffer of that size is
        // rented only when deflate (at most 1032 to 1) could really give it, so a short message cannot cost 128 MiB.
        if (length is < 0 or > (int)DayLimits.MaxJsonBytes * 2)
            throw new JsonException($"A service day in a message says it is {length} bytes long, more than any day PosSync books.");
        if (length > compressed.Length * MaxDeflateRatio)
            throw new JsonException($"A service day in a message says it is {length} bytes long, more than its {compressed.Length} "
                + "compressed bytes can hold.");
        var text = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
            {
                if (gzip.ReadAtLeast(text.AsSpan(0, length), length, throwOnEndOfStream: false) != length || gzip.ReadByte() != -1)
                    throw new JsonException("A service day in a message is not as long as its compressed form says.");
            }
            var parsed = ServiceDayReader.ReadOwn(text.AsSpan(0, length));
            return parsed.IsValid
                ? parsed.Value!
                : throw new JsonException($"The service day in the message is not valid: {string.Join("; ", parsed.Problems)}");
        }
        catch (InvalidDataException e)
        {
            throw new JsonException($"A service day in a message is not gzip-compressed: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private static JsonSerializerOptions WithoutThis(JsonSerializerOptions options)
    {
        var earlier = new JsonSerializerOptions(options);
        foreach (var converter in earlier.Converters.OfType<ServiceDayJsonConverter>().ToList()) earlier.Converters.Remove(converter);
        return earlier;
    }
}
