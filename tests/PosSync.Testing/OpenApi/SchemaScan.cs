using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// What the translation needs to know of the whole spec before building: the components referred to with
/// <c>nullable: true</c> beside the <c>$ref</c> (each gets a nullable copy), and the components that are
/// members of an <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> (left open, see <see cref="SchemaTranslator"/>).
/// It also lists references to components the file does not have. Examples and <c>x-*</c> extensions are data, not schemas, and are not walked.
/// </summary>
internal sealed class SchemaScan
{
    public HashSet<string> NullableTargets { get; } = new(StringComparer.Ordinal);
    public HashSet<string> CompositionMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>Schema references to components the spec does not have (a defect of the file), by where they are.</summary>
    public SortedDictionary<string, string> Dangling { get; } = new(StringComparer.Ordinal);

    private JsonObject _components = [];

    public static SchemaScan Of(OpenApiSpec spec)
    {
        var scan = new SchemaScan { _components = spec.Document["components"]?["schemas"] as JsonObject ?? [] };
        scan.Walk(spec.Document, namesAreData: false, "#");
        return scan;
    }

    /// <param name="namesAreData">True under <c>properties</c> (and the like), whose keys are field names, not keywords.</param>
    private void Walk(JsonNode? node, bool namesAreData, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                if (Component(obj) is { } name)
                {
                    if (!_components.ContainsKey(name)) Dangling[where] = SchemaTranslator.ComponentPrefix + name;
                    else if (SchemaTranslator.IsTrue(obj, "nullable")) NullableTargets.Add(name);
                }
                foreach (var (key, child) in obj)
                {
                    if (!namesAreData && (key is "example" or "examples" || key.StartsWith("x-", StringComparison.Ordinal))) continue;
                    if (key is "allOf" or "anyOf" or "oneOf" && child is JsonArray members)
                    {
                        foreach (var member in members)
                        {
                            if (member is JsonObject m && Component(m) is { } memberName) CompositionMembers.Add(memberName);
                        }
                    }
                    Walk(child,
                        namesAreData: !namesAreData
                            && key is "properties" or "schemas" or "paths" or "responses" or "parameters" or "requestBodies" or "content",
                        where + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], namesAreData: false, where + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string? Component(JsonObject obj) =>
        (string?)(obj["$ref"] as JsonValue) is { } reference && reference.StartsWith(SchemaTranslator.ComponentPrefix, StringComparison.Ordinal)
            && !reference[SchemaTranslator.ComponentPrefix.Length..].Contains('/', StringComparison.Ordinal)
            ? reference[SchemaTranslator.ComponentPrefix.Length..]
            : null;
}
