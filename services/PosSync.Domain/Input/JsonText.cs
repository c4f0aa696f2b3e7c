using System.Text.Encodings.Web;
using System.Text.Json;

namespace PosSync.Domain.Input;

/// <summary>
/// How PosSync writes JSON for people (preview output, logs, stored details): readable text, so
/// "gap +6.00" and "−50.01" stay as written instead of \u002B escapes. Never embedded in HTML.
/// </summary>
public static class JsonText
{
    public static JsonWriterOptions Writer(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Serializer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs a writer over a buffer and returns the UTF-8 text it wrote.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer(indented))) write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
