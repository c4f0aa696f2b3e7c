using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// Media-type matching as OpenAPI does it: the exact type, then <c>type/*</c>, then <c>*/*</c>; parameters such as
/// charset ignored.
/// </summary>
internal static class MediaTypes
{
    public static string Essence(string contentType) => contentType.Split(';', 2)[0].Trim().ToLowerInvariant();

    public static bool IsJson(string contentType)
    {
        var essence = Essence(contentType);
        return essence == "application/json" || essence.EndsWith("+json", StringComparison.Ordinal) || essence == "text/json";
    }

    public static string? FindKey(JsonObject? content, string contentType)
    {
        if (content is null) return null;
        var essence = Essence(contentType);
        var type = essence.Split('/', 2)[0] + "/*";
        foreach (var wanted in new[] { essence, type, "*/*" })
        {
            foreach (var (key, _) in content)
            {
                if (Essence(key) == wanted) return key;
            }
        }
        return null;
    }

    public static JsonNode? Find(JsonObject? content, string contentType) =>
        FindKey(content, contentType) is { } key ? content![key] : null;

    public static JsonNode? Example(OpenApiSpec spec, JsonNode mediaNode)
    {
        if (spec.Resolve(mediaNode) is not JsonObject media) return null;
        if (media.ContainsKey("example")) return media["example"];
        if (media["examples"] is JsonObject { Count: > 0 } examples && examples.First().Value is { } first)
            return (spec.Resolve(first) as JsonObject)?["value"];
        return null;
    }
}
