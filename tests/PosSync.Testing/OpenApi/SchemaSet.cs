using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// The spec's schemas translated for one direction and built once: every component under <c>$defs</c> of one
/// JSON Schema document (plus a nullable copy of those referred to as nullable), and each operation's inline
/// schema built on first use against it. Evaluates a value and words the errors as
/// <see cref="ContractViolation"/>s naming the spec's schema.
/// </summary>
internal sealed class SchemaSet
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly OpenApiSpec _spec;
    private readonly SchemaDirection _direction;
    private readonly SchemaTranslator _translator;
    private readonly BuildOptions _build;
    private readonly string _baseUri;
    private readonly JsonObject _document;
    private readonly ConcurrentDictionary<JsonNode, (
        JsonSchema Schema, JsonNode Translated, string Uri)> _inline = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _building = new();
    private int _inlineCount;

    public SchemaSet(OpenApiSpec spec, SchemaDirection direction)
    {
        _spec = spec;
        _direction = direction;
        var slug = new string(spec.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        _baseUri = $"https://possync.invalid/openapi/{slug}/{direction.ToString().ToLowerInvariant()}";
        var scan = spec.Scan;
        _translator = new SchemaTranslator(spec, direction, _baseUri, scan);

        var defs = new JsonObject();
        var components = spec.Document["components"]?["schemas"] as JsonObject ?? [];
        foreach (var (name, _) in components) defs[name] = _translator.Component(name, nullable: false);
        foreach (var name in scan.NullableTargets.Order(StringComparer.Ordinal))
        {
            if (!components.ContainsKey(name)) throw new InvalidDataException($"{spec.Name}: a nullable $ref points at the missing schema {name}");
            if (components.ContainsKey(name + SchemaTranslator.NullableSuffix))
                throw new InvalidDataException(
                    $"{spec.Name}: schema name {name}{SchemaTranslator.NullableSuffix} clashes with the nullable copy of {name}");
            defs[name + SchemaTranslator.NullableSuffix] = _translator.Component(name, nullable: true);
        }
        _document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = _baseUri,
            ["$defs"] = defs,
        };
        _build = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        JsonSchema.Build(JsonSerializer.SerializeToElement(_document), _build, new Uri(_baseUri));
    }

    /// <summary>The JSON Schema document built from the spec's components, for reading (a test may print a translation).</summary>
    public JsonObject Document => _document;

    /// <summary>The translation of an OpenAPI schema node of the spec (inline or a component's).</summary>
    public JsonNode Translated(JsonNode openApiSchema) => Compile(openApiSchema).Translated;

    public List<ContractViolation> Validate(JsonNode openApiSchema, JsonElement instance, string where)
    {
        var results = Compile(openApiSchema).Schema.Evaluate(instance, Evaluation);
        var violations = new List<ContractViolation>();
        if (results.IsValid) return violations;
        foreach (var node in new[] { results }.Concat(results.Details ?? []))
        {
            if (node.Errors is null) continue;
            foreach (var (keyword, message) in node.Errors)
                violations.Add(Explain(where, node, keyword, message, instance));
        }
        if (violations.Count == 0)
            violations.Add(new ContractViolation(where, "", "schema", "does not match its schema (no detail given by the validator)"));
        return violations.Distinct().ToList();
    }

    private (JsonSchema Schema, JsonNode Translated, string Uri) Compile(JsonNode openApiSchema) =>
        _inline.GetOrAdd(openApiSchema, node =>
        {
            var translated = _translator.Translate(node);
            var uri = $"{_baseUri}/inline/{Interlocked.Increment(ref _inlineCount).ToString(CultureInfo.InvariantCulture)}";
            // Building registers the schema in the set's registry: one build at a time.
            lock (_building) return (JsonSchema.Build(JsonSerializer.SerializeToElement(translated), _build, new Uri(uri)), translated, uri);
        });

    private ContractViolation Explain(string where, EvaluationResults node, string keyword, string message, JsonElement instance)
    {
        var pointer = node.InstanceLocation.ToString();
        var evaluationPath = node.EvaluationPath.ToString();
        var value = At(instance, pointer);
        var field = pointer.Length == 0 ? "" : Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
        var location = node.SchemaLocation.ToString();

        if (keyword.Length == 0 && (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
            || evaluationPath.EndsWith("/unevaluatedProperties", StringComparison.Ordinal)))
        {
            var owner = Describe(
                Before(
                    location,
                    evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) ? "/additionalProperties" : "/unevaluatedProperties"));
            return new ContractViolation(where, pointer, "unknown field",
                $"\"{field}\" is not a property {owner} declares" +
                (_direction == SchemaDirection.Request ? " (a request may send only " +
                    "declared fields)" : " (its additionalProperties allow no other)"));
        }
        if (keyword.Length == 0
            && evaluationPath.LastIndexOf('/') is var last and > 0
            && evaluationPath[..last].EndsWith("/properties", StringComparison.Ordinal))
        {
            var owner = Describe(Before(location, "/properties/"));
            return _direction == SchemaDirection.Request
                ? new ContractViolation(
                    where,
                    pointer,
                    "readOnly",
                    $"\"{field}\" is read-only in {owner}: the vendor sets it, a request must not send it")
                : new ContractViolation(where, pointer, "writeOnly", $"\"{field}\" is write-only in {owner}: an answer must not carry it");
        }

        var schema = SchemaAt(location);
        var text = keyword switch
        {
            "enum" when schema?["enum"] is JsonArray allowed =>
                $"{Show(value)} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))}",
            "type" when schema?["type"] is { } type =>
                $"{Show(value)} is {Kind(value)}; " +
                    $"the schema wants {(type is JsonArray types ? string.Join(" or ", types.Select(t => (string?)t)) : (string?)type)}",
            _ => message,
        };
        return new ContractViolation(where, pointer, keyword.Length == 0 ? "false schema" : keyword, $"{text} ({Describe(location)})");
    }

    /// <summary>A built schema location in the spec's own terms: <c>schema #/components/schemas/Money/properties/amount</c>.</summary>
    private string Describe(string location)
    {
        var (uri, tokens) = Locate(location);
        if (uri == _baseUri && tokens.Count >= 2 && tokens[0] == "$defs")
        {
            var name = tokens[1];
            if (name.EndsWith(SchemaTranslator.NullableSuffix, StringComparison.Ordinal)) name = name[..^SchemaTranslator.NullableSuffix.Length];
            return $"schema {SchemaTranslator.ComponentPrefix}{name}{string.Concat(tokens.Skip(2).Select(t => "/" + t))}";
        }
        return tokens.Count == 0 ? "the operation's schema" : $"the operation's schema at /{string.Join('/', tokens)}";
    }

    private JsonNode? SchemaAt(string location)
    {
        var (uri, tokens) = Locate(location);
        var node = Root(uri);
        foreach (var token in tokens) node = Child(node, token);
        return node;
    }

    /// <summary>
    /// A location's document and the tokens of its fragment that exist in the translation: the validator
    /// sometimes adds a property's name after <c>items</c> or <c>additionalProperties</c>, which is dropped.
    /// </summary>
    private (string Uri, List<string> Tokens) Locate(string location)
    {
        var hash = location.IndexOf('#', StringComparison.Ordinal);
        var uri = hash < 0 ? location : location[..hash];
        var fragment = hash < 0 ? "" : location[(hash + 1)..];
        var node = Root(uri);
        var tokens = new List<string>();
        foreach (var raw in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Unescape(Uri.UnescapeDataString(raw));
            var child = Child(node, token);
            if (child is null) break;
            tokens.Add(token);
            node = child;
        }
        return (uri, tokens);
    }

    private JsonNode? Root(string uri) => uri == _baseUri ? _document : _inline.Values.FirstOrDefault(i => i.Uri == uri).Translated;

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
        _ => null,
    };

    private static string Before(string location, string marker) =>
        location.LastIndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? location[..at] : location;

    private static JsonElement? At(JsonElement instance, string pointer)
    {
        var current = instance;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Unescape(token);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                && i < current.GetArrayLength())
                current = current[i];
            else return null;
        }
        return current;
    }

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Show(JsonElement? value)
    {
        if (value is null) return "the value";
        var text = value.Value.GetRawText();
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    private static string Kind(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "of another type",
    };
}
