using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;

namespace PosSync.Cli.Support;

/// <summary>Tables for people, JSON (--json) for scripts: the same data either way.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Json(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    public static string Time(DateTime? utc) => utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss") : "";
}
