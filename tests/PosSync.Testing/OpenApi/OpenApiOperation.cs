using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// One operation of a spec (<c>POST /v2/orders/search</c>, <c>PUT /ManualJournals</c>): its declared
/// parameters, request body and responses, read from the document with <c>$ref</c>s resolved.
/// </summary>
public sealed class OpenApiOperation
{
    private readonly JsonObject _node;
    private readonly Regex _pattern;
    private readonly List<string> _templateNames = [];

    internal OpenApiOperation(OpenApiSpec spec, string method, string pathTemplate, JsonObject node, JsonArray? pathParameters)
    {
        Spec = spec;
        Method = method;
        PathTemplate = pathTemplate;
        _node = node;
        OperationId = (string?)node["operationId"];
        Parameters = ReadParameters(pathParameters, node["parameters"] as JsonArray);
        var segments = pathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries);
        LiteralSegments = segments.Count(s => !s.Contains('{', StringComparison.Ordinal));
        _pattern = new Regex("^/" + string.Join("/", segments.Select(SegmentPattern)) + "$", RegexOptions.CultureInvariant);

        var body = node["requestBody"] is { } requestBody ? spec.Resolve(requestBody) as JsonObject : null;
        RequestBodyRequired = (bool?)body?["required"] ?? false;
        RequestContent = body?["content"] as JsonObject;
        RequestContentTypes = RequestContent?.Select(p => p.Key).ToList() ?? [];
        StatusCodes = (node["responses"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var security = node["security"] as JsonArray ?? spec.Document["security"] as JsonArray;
        RequiresAuthorization = security is { Count: > 0 } && security.All(requirement => requirement is JsonObject { Count: > 0 });
    }

    public OpenApiSpec Spec { get; }

    /// <summary>Upper case: <c>GET</c>, <c>POST</c>...</summary>
    public string Method { get; }

    /// <summary>As the spec writes it, relative to the server's base path: <c>/ManualJournals/{ManualJournalID}</c>.</summary>
    public string PathTemplate { get; }

    public string? OperationId { get; }

    /// <summary>Path-level and operation-level parameters, the operation's winning on the same name and place.</summary>
    public IReadOnlyList<OpenApiParameter> Parameters { get; }

    public bool RequestBodyRequired { get; }

    /// <summary>The media types the request body may have; empty when the operation takes no body.</summary>
    public IReadOnlyList<string> RequestContentTypes { get; }

    /// <summary>The response keys the operation declares: <c>200</c>, <c>400</c>, <c>2XX</c>, <c>default</c>...</summary>
    public IReadOnlyList<string> StatusCodes { get; }

    /// <summary>Whether every security requirement asks for a scheme, so that a request without credentials strays.</summary>
    public bool RequiresAuthorization { get; }

    internal JsonObject? RequestContent { get; }

    internal int LiteralSegments { get; }

    /// <summary>
    /// The request body's schema for the media type (<c>application/json</c> by default; parameters such as charset
    /// ignored), or null.
    /// </summary>
    public JsonNode? RequestBodySchema(string contentType = "application/json") =>
        MediaTypes.Find(RequestContent, contentType) is { } media ? (Spec.Resolve(media) as JsonObject)?["schema"] : null;

    /// <summary>The spec's own example of the request body for the media type (<c>example</c>, or the first of <c>examples</c>), or null.</summary>
    public JsonNode? RequestBodyExample(string contentType = "application/json") =>
        MediaTypes.Find(RequestContent, contentType) is { } media ? MediaTypes.Example(Spec, media) : null;

    /// <summary>The response declared for the status: the exact code, else its class (<c>4XX</c>), else <c>default</c>; null when none.</summary>
    public OpenApiResponse? Response(int statusCode)
    {
        if (_node["responses"] is not JsonObject responses) return null;
        var exact = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var range = exact[0] + "XX";
        foreach (var key in new[] { exact, range, "default" })
        {
            var match = responses.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
            if (match.Value is not null) return new OpenApiResponse(this, match.Key, Spec.Resolve(match.Value) as JsonObject ?? []);
        }
        return null;
    }

    /// <summary>The response body's schema for the status and media type (<c>application/json</c> by default), or null.</summary>
    public JsonNode? ResponseSchema(int statusCode, string contentType = "application/json") =>
        Response(statusCode)?.Schema(contentType);

    /// <summary>Whether the path (relative to the server's base path) fits the template; the templated values come out URL-decoded.</summary>
    public bool TryMatch(string path, out IReadOnlyDictionary<string, string> pathValues)
    {
        var match = _pattern.Match(path);
        if (!match.Success)
        {
            pathValues = new Dictionary<string, string>();
            return false;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _templateNames.Count; i++)
            values[_templateNames[i]] = Uri.UnescapeDataString(
                match.Groups[$"p{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}"].Value);
        pathValues = values;
        return true;
    }

    public override string ToString() => $"{Method} {PathTemplate}" + (OperationId is null ? "" : $" ({OperationId})");

    private string SegmentPattern(string segment)
    {
        var pattern = "";
        var rest = segment;
        while (rest.IndexOf('{', StringComparison.Ordinal) is var open and >= 0 && rest.IndexOf('}', open) is var close and > 0)
        {
            pattern += Regex.Escape(rest[..open]);
            _templateNames.Add(rest[(open + 1)..close]);
            pattern += $"(?<p{_templateNames.Count - 1}>[^/]+)";
            rest = rest[(close + 1)..];
        }
        return pattern + Regex.Escape(rest);
    }

    private List<OpenApiParameter> ReadParameters(JsonArray? shared, JsonArray? own)
    {
        var parameters = new List<OpenApiParameter>();
        foreach (var node in (shared ?? []).Concat(own ?? []))
        {
            if (node is null || Spec.Resolve(node) is not JsonObject p) continue;
            var name = (string?)p["name"] ?? throw new InvalidDataException($"{Spec.Name}: a parameter of {Method} {PathTemplate} has no name");
            var place = (string?)p["in"]
                ?? throw new InvalidDataException($"{Spec.Name}: parameter {name} of {Method} {PathTemplate} says not where it goes");
            var style = (string?)p["style"] ?? (place is "query" or "cookie" ? "form" : "simple");
            var parameter = new OpenApiParameter(
                name,
                place,
                (bool?)p["required"] ?? place == "path",
                p["schema"],
                style,
                (bool?)p["explode"] ?? style == "form");
            parameters.RemoveAll(
                existing => existing.In == place
                    && (place == "header" ? existing.Name.Equals(name, StringComparison.OrdinalIgnoreCase) : existing.Name == name));
            parameters.Add(parameter);
        }
        return parameters;
    }
}
