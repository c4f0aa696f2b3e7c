using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// Turns an OpenAPI 3.0 schema into a JSON Schema 2020-12 one, for one direction (docs/contract-tests.md):
/// <list type="bullet">
/// <item><c>nullable: true</c> adds <c>"null"</c> to <c>type</c> (and to <c>enum</c>); next to a <c>$ref</c>
/// (which OpenAPI 3.0 says to ignore, but Square writes 800 times to mean "may be null") it points at a
/// nullable copy of the component.</item>
/// <item><c>$ref: #/components/schemas/X</c> points into the built document's <c>$defs</c>.</item>
/// <item><c>readOnly</c> properties are not required in requests and may not be sent; <c>writeOnly</c> ones
/// likewise in answers.</item>
/// <item>In requests, an object schema that declares <c>properties</c> and says nothing of
/// <c>additionalProperties</c> is closed: a field it does not declare is a violation. Schemas that are members
/// of <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> stay open and the composing schema is closed with
/// <c>unevaluatedProperties</c>, so members do not refuse each other's fields. Answers follow the schema.</item>
/// <item>OpenAPI's boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become the numeric 2020-12 form.</item>
/// <item><c>format</c>, <c>discriminator</c>, <c>example</c>, <c>default</c>, <c>description</c>,
/// <c>externalDocs</c>, <c>xml</c>, <c>deprecated</c> and every <c>x-*</c> extension are dropped: annotations
/// only, nothing fails on them.</item>
/// </list>
/// </summary>
internal sealed class SchemaTranslator
{
    public const string ComponentPrefix = "#/components/schemas/";
    public const string NullableSuffix = ".nullable";

    private static readonly string[] Copied =
    [
        "minimum", "maximum", "multipleOf", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    ];

    private static readonly string[] Compositions = ["allOf", "anyOf", "oneOf"];

    private readonly OpenApiSpec _spec;
    private readonly SchemaDirection _direction;
    private readonly string _baseUri;
    private readonly SchemaScan _scan;

    public SchemaTranslator(OpenApiSpec spec, SchemaDirection direction, string baseUri, SchemaScan scan)
    {
        _spec = spec;
        _direction = direction;
        _baseUri = baseUri;
        _scan = scan;
    }

    /// <summary>The translation of a component, open when it is a member of a composition; nullable for its nullable copy.</summary>
    public JsonNode Component(string name, bool nullable) =>
        Translate(_spec.ComponentSchema(name), open: _scan.CompositionMembers.Contains(name), forceNullable: nullable);

    public JsonNode Translate(JsonNode? node, bool open = false, bool forceNullable = false)
    {
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag)) return JsonValue.Create(flag);
        if (node is not JsonObject schema) return JsonValue.Create(true);
        var nullable = forceNullable || IsTrue(schema, "nullable");

        if ((string?)schema["$ref"] is { } reference) return Reference(reference, nullable);

        var result = new JsonObject();
        if ((string?)schema["type"] is { } type)
            result["type"] = nullable ? new JsonArray(type, "null") : type;
        if (schema["enum"] is JsonArray values)
        {
            var allowed = new JsonArray(values.Select(v => v?.DeepClone()).ToArray());
            if (nullable && !allowed.Any(v => v is null)) allowed.Add(null);
            result["enum"] = allowed;
        }

        foreach (var keyword in Copied)
        {
            if (schema[keyword] is { } constraint) result[keyword] = constraint.DeepClone();
        }
        Exclusive(schema, result, "exclusiveMinimum", "minimum");
        Exclusive(schema, result, "exclusiveMaximum", "maximum");

        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (schema["properties"] is JsonObject properties)
        {
            var translated = new JsonObject();
            foreach (var (name, property) in properties)
            {
                if (Hidden(property))
                {
                    hidden.Add(name);
                    translated[name] = false;
                }
                else
                {
                    translated[name] = Translate(property);
                }
            }
            result["properties"] = translated;
        }
        if (schema["required"] is JsonArray required)
        {
            var kept = required.Select(r => (string?)r).Where(r => r is not null && !hidden.Contains(r))
                .Select(r => (JsonNode?)JsonValue.Create(r))
                .ToArray();
            if (kept.Length > 0) result["required"] = new JsonArray(kept);
        }
        if (schema.ContainsKey("items")) result["items"] = Translate(schema["items"]);
        if (schema.ContainsKey("additionalProperties")) result["additionalProperties"] = Translate(schema["additionalProperties"]);
        if (schema.ContainsKey("not")) result["not"] = Translate(schema["not"]);

        var composed = false;
        foreach (var keyword in Compositions)
        {
            if (schema[keyword] is not JsonArray members) continue;
            composed = true;
            result[keyword] = new JsonArray(members.Select(m => (JsonNode?)Translate(m, open: true)).ToArray());
        }

        if (_direction == SchemaDirection.Request && !open && !schema.ContainsKey("additionalProperties"))
        {
            if (composed) result["unevaluatedProperties"] = false;
            else if (schema.ContainsKey("properties")) result["additionalProperties"] = false;
        }

        // null passes a schema without "type" unless a composition or an enum refuses it.
        if (nullable && !schema.ContainsKey("type") && composed)
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) };
        return result;
    }

    /// <summary>The URI a reference of the spec points at in the built document.</summary>
    public string Target(string reference)
    {
        if (!reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
            throw new NotSupportedException($"{_spec.Name}: a schema refers to {reference}; only #/components/schemas/... is followed");
        return _baseUri + "#/$defs/" + reference[ComponentPrefix.Length..];
    }

    private JsonObject Reference(string reference, bool nullable)
    {
        // A reference to a component the file lacks (Square's CatalogModifierToggleOverrideType): anything goes,
        // and OpenApiSpec.DanglingReferences lists it so a test can keep an eye on it.
        if (_scan.Dangling.ContainsValue(reference)) return [];
        if (!nullable) return new JsonObject { ["$ref"] = Target(reference) };
        var name = reference.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? reference[ComponentPrefix.Length..] : "";
        if (_scan.NullableTargets.Contains(name)) return new JsonObject { ["$ref"] = Target(reference + NullableSuffix) };
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, new JsonObject { ["$ref"] = Target(reference) }) };
    }

    /// <summary>
    /// A property the direction leaves out: readOnly in a request, writeOnly in an answer (on the property or on the
    /// schema it refers to).
    /// </summary>
    private bool Hidden(JsonNode? property)
    {
        var keyword = _direction == SchemaDirection.Request ? "readOnly" : "writeOnly";
        if (property is not JsonObject obj) return false;
        if (IsTrue(obj, keyword)) return true;
        return (string?)obj["$ref"] is { } reference && !_scan.Dangling.ContainsValue(reference)
            && _spec.Resolve(obj) is JsonObject target && IsTrue(target, keyword);
    }

    private static void Exclusive(JsonObject schema, JsonObject result, string keyword, string bound)
    {
        switch (schema[keyword])
        {
            case JsonValue v when v.TryGetValue<bool>(out var exclusive):
                if (exclusive && schema[bound] is { } limit)
                {
                    result.Remove(bound);
                    result[keyword] = limit.DeepClone();
                }
                break;
            case { } number:
                result[keyword] = number.DeepClone();
                break;
        }
    }

    internal static bool IsTrue(JsonObject obj, string keyword) =>
        obj[keyword] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
