using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosSync.Storage.Stores;

internal sealed class ExecutionStatusJsonConverter : JsonConverter<ExecutionStatus>
{
    public override ExecutionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExecutionStatus.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, ExecutionStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.Word);

    // Counts by status are dictionaries keyed by it ({"success": 3, "error": 1}).
    public override ExecutionStatus ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExecutionStatus.Parse(reader.GetString() ?? "");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ExecutionStatus value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Word);
}
