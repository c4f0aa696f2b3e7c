using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// A parameter an operation declares (path-level and operation-level merged, <c>$ref</c>s resolved):
/// where it goes (<c>query</c>, <c>header</c>, <c>path</c>, <c>cookie</c>), whether it is required, and its
/// OpenAPI schema as the spec writes it. <see cref="Explode"/> follows OpenAPI's defaults (true for the
/// <c>form</c> style of query parameters).
/// </summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, JsonNode? Schema, string Style, bool Explode)
{
    public override string ToString() => $"{In} parameter {Name}{(Required ? " (required)" : "")}";
}
