using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PosSync.Domain.Input;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// A vendor's OpenAPI 3.0 description, JSON or YAML, as a <see cref="JsonNode"/> tree: its operations found
/// by method and concrete URL path, their parameters, request bodies and responses, and the JSON Schemas
/// translated from its schemas for validation. A file is parsed once per process (<see cref="Load"/>
/// caches it), and each schema is built once.
/// </summary>
public sealed class OpenApiSpec
{
    private static readonly ConcurrentDictionary<string, Lazy<OpenApiSpec>> Cache = new(StringComparer.Ordinal);
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly Lazy<SchemaScan> _scan;
    private readonly Lazy<SchemaSet> _requestSchemas;
    private readonly Lazy<SchemaSet> _responseSchemas;

    private OpenApiSpec(string filePath, JsonObject document)
    {
        FilePath = filePath;
        Name = Path.GetFileName(filePath);
        Document = document;
        if ((string?)document["openapi"] is not { } version || !version.StartsWith("3.0", StringComparison.Ordinal))
            throw new InvalidDataException(
                $"{Name} is not an OpenAPI 3.0 description (openapi: {document["openapi"]?.ToJsonString() ?? "missing"}); " +
                    "this reader translates the 3.0 schema dialect.");
        BasePath = ServerBasePath(document);
        Operations = ReadOperations();
        _scan = new(() => SchemaScan.Of(this));
        _requestSchemas = new(() => new SchemaSet(this, SchemaDirection.Request));
        _responseSchemas = new(() => new SchemaSet(this, SchemaDirection.Response));
    }

    /// <summary>The spec in the file (JSON, or YAML for .yaml/.yml), parsed on first use and kept for the test run.</summary>
    public static OpenApiSpec Load(string path)
    {
        var full = Path.GetFullPath(path);
        return Cache.GetOrAdd(full, f => new Lazy<OpenApiSpec>(() => Parse(f))).Value;
    }

    /// <summary>The file's name, e.g. <c>square-api.json</c>.</summary>
    public string Name { get; }

    public string FilePath { get; }

    /// <summary>The whole document, read-only by convention: the schemas built from it are cached.</summary>
    public JsonObject Document { get; }

    /// <summary>The path of the first server's URL, without a trailing slash: <c>/api.xro/2.0</c> for Xero, empty for Square.</summary>
    public string BasePath { get; }

    /// <summary>Every operation of every path, in the file's order.</summary>
    public IReadOnlyList<OpenApiOperation> Operations { get; }

    /// <summary>
    /// The operation a request reaches: <paramref name="url"/> is an absolute URL or a path (a query is
    /// ignored); the server's base path is taken off when the path starts with it, then the path is matched
    /// against the path templates, literal segments winning over templated ones
    /// (<c>/Reports/BalanceSheet</c> before <c>/Reports/{ReportID}</c>). Null when none matches.
    /// </summary>
    public OpenApiOperation? FindOperation(string method, string url)
    {
        var path = RelativePath(url);
        OpenApiOperation? best = null;
        var bestScore = -1;
        foreach (var operation in Operations)
        {
            if (!operation.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) continue;
            if (!operation.TryMatch(path, out _)) continue;
            if (operation.LiteralSegments > bestScore) (best, bestScore) = (operation, operation.LiteralSegments);
        }
        return best;
    }

    /// <summary>The operation declared at exactly this path template, e.g. <c>("PUT", "/ManualJournals")</c>; throws when there is none.</summary>
    public OpenApiOperation Operation(string method, string pathTemplate) =>
        Operations.FirstOrDefault(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && o.PathTemplate == pathTemplate)
        ?? throw new KeyNotFoundException($"{Name} declares no {method.ToUpperInvariant()} {pathTemplate}");

    /// <summary>The spec's schema <c>#/components/schemas/{name}</c>, as written (OpenAPI 3.0 dialect).</summary>
    public JsonNode ComponentSchema(string name) =>
        Document["components"]?["schemas"]?[name] ?? throw new KeyNotFoundException($"{Name} has no schema #/components/schemas/{name}");

    /// <summary>Follows <c>$ref</c>s inside the document (<c>#/components/...</c>) until a node that is not a reference.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        for (var hops = 0; node is JsonObject obj && obj["$ref"] is JsonValue reference; hops++)
        {
            if (hops > 32) throw new InvalidDataException($"{Name}: $ref chain too long at {reference}");
            node = Pointer((string)reference!);
        }
        return node;
    }

    /// <summary>The node at a local reference such as <c>#/components/parameters/requiredHeader</c>.</summary>
    public JsonNode Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new NotSupportedException($"{Name}: only references inside the document are followed, not {reference}");
        JsonNode? node = Document;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
            if (node is null) throw new KeyNotFoundException($"{Name}: {reference} points at nothing");
        }
        return node;
    }

    /// <summary>The path relative to the server's base path, without query or trailing slash.</summary>
    public string RelativePath(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : url.Split('?', 2)[0];
        if (!path.StartsWith('/')) path = "/" + path;
        if (BasePath.Length > 0 && (path == BasePath || path.StartsWith(BasePath + "/", StringComparison.Ordinal)))
            path = path[BasePath.Length..];
        if (path.Length > 1) path = path.TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>
    /// References to schemas the file does not have, keyed by where they are (a JSON pointer into the file):
    /// a defect of the vendor's file. Such a reference is checked as "anything goes".
    /// </summary>
    public IReadOnlyDictionary<string, string> DanglingReferences => Scan.Dangling;

    internal SchemaScan Scan => _scan.Value;

    internal SchemaSet Schemas(SchemaDirection direction) =>
        direction == SchemaDirection.Request ? _requestSchemas.Value : _responseSchemas.Value;

    private static OpenApiSpec Parse(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The OpenAPI file {path} does not exist.", path);
        JsonNode? root;
        if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = InputDocument.ParseYaml(File.ReadAllText(path));
            if (!parsed.IsValid) throw new InvalidDataException($"{path}: {parsed.Describe()}");
            using var document = parsed.Value!;
            root = JsonNode.Parse(document.RootElement.GetRawText());
        }
        else
        {
            root = JsonNode.Parse(File.ReadAllBytes(path));
        }
        return new OpenApiSpec(path, root as JsonObject ?? throw new InvalidDataException($"{path} does not hold a JSON object"));
    }

    private static string ServerBasePath(JsonObject document)
    {
        if (document["servers"] is not JsonArray { Count: > 0 } servers || (string?)servers[0]?["url"] is not { } url) return "";
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        return path.TrimEnd('/');
    }

    private List<OpenApiOperation> ReadOperations()
    {
        var operations = new List<OpenApiOperation>();
        if (Document["paths"] is not JsonObject paths) return operations;
        foreach (var (template, itemNode) in paths)
        {
            if (itemNode is null) continue;
            var item = Resolve(itemNode) as JsonObject ?? throw new InvalidDataException($"{Name}: paths/{template} is not an object");
            var shared = item["parameters"] as JsonArray;
            foreach (var method in Methods)
            {
                if (item[method] is JsonObject operation)
                    operations.Add(new OpenApiOperation(this, method.ToUpperInvariant(), template, operation, shared));
            }
        }
        return operations;
    }
}
