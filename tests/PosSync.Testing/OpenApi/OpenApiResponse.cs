using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>A response an operation declares, under its key (<c>200</c>, <c>4XX</c>, <c>default</c>), with its media types and schemas.</summary>
public sealed class OpenApiResponse
{
    private readonly JsonObject _node;

    internal OpenApiResponse(OpenApiOperation operation, string statusKey, JsonObject node)
    {
        Operation = operation;
        StatusKey = statusKey;
        _node = node;
        ContentTypes = Content?.Select(p => p.Key).ToList() ?? [];
    }

    public OpenApiOperation Operation { get; }

    /// <summary>The key the status matched: the code itself, its class such as <c>4XX</c>, or <c>default</c>.</summary>
    public string StatusKey { get; }

    /// <summary>The media types the answer may have; empty when the response has no body.</summary>
    public IReadOnlyList<string> ContentTypes { get; }

    internal JsonObject? Content => _node["content"] as JsonObject;

    /// <summary>The body's schema for the media type (parameters such as charset ignored), or null.</summary>
    public JsonNode? Schema(string contentType = "application/json") =>
        MediaTypes.Find(Content, contentType) is { } media ? (Operation.Spec.Resolve(media) as JsonObject)?["schema"] : null;

    /// <summary>The spec's own example of the body for the media type (<c>example</c>, or the first of <c>examples</c>), or null.</summary>
    public JsonNode? Example(string contentType = "application/json") =>
        MediaTypes.Find(Content, contentType) is { } media ? MediaTypes.Example(Operation.Spec, media) : null;
}
