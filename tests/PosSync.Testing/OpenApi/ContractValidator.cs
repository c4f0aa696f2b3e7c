using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PosSync.Testing.OpenApi;

/// <summary>
/// Holds requests and answers to a vendor's OpenAPI file (docs/contract-tests.md). A request is checked for
/// its operation (method and path), its path, query and header parameters (undeclared query parameters,
/// missing required ones, values against their schemas), its credentials when the operation asks for
/// them, and its body (media type and schema); an answer for its status code (declared, or covered by a
/// class or <c>default</c>), its media type and its body. Each check returns every violation found, empty
/// when the exchange keeps to the contract.
/// </summary>
public sealed class ContractValidator
{
    private readonly string _mountPath;

    /// <param name="spec">The vendor's spec, e.g. <see cref="VendorSpecs.Square"/>.</param>
    /// <param name="mountPath">
    /// Where a sandbox serves the vendor's API below its own root, taken off a URL's path before the spec's
    /// server base path is (e.g. <c>/xero</c> for <c>http://127.0.0.1:5000/xero/api.xro/2.0/Accounts</c>).
    /// </param>
    public ContractValidator(OpenApiSpec spec, string? mountPath = null)
    {
        Spec = spec;
        _mountPath = (mountPath ?? "").TrimEnd('/');
        if (_mountPath.Length > 0 && !_mountPath.StartsWith('/')) _mountPath = "/" + _mountPath;
    }

    public OpenApiSpec Spec { get; }

    /// <summary>The operation a request reaches (mount path, then server base path taken off), or null.</summary>
    public OpenApiOperation? FindOperation(string method, string url) => Spec.FindOperation(method, PathOf(url));

    /// <summary>
    /// Checks a request: <paramref name="url"/> absolute or a path, with its query; <paramref name="headers"/>
    /// every header sent (names case-insensitive, content headers included); <paramref name="body"/> the
    /// body's text, null or empty for none, of media type <paramref name="contentType"/> (by default the
    /// Content-Type among the headers, else <c>application/json</c>).
    /// </summary>
    public IReadOnlyList<ContractViolation> ValidateRequest(
        string method, string url, IEnumerable<KeyValuePair<string, string>>? headers = null, string? body = null, string? contentType = null)
    {
        var path = PathOf(url);
        var operation = Spec.FindOperation(method, path);
        if (operation is null)
        {
            return [new ContractViolation("request", "", "unknown operation",
                $"{Spec.Name} declares no {method.ToUpperInvariant()} {Spec.RelativePath(path)}" +
                (Spec.BasePath.Length > 0 ? $" (paths are relative to the server's base path {Spec.BasePath})" : ""))];
        }

        var violations = new List<ContractViolation>();
        operation.TryMatch(Spec.RelativePath(path), out var pathValues);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            if (pathValues.TryGetValue(parameter.Name, out var value)) CheckParameter(parameter, [value], violations);
            else violations.Add(new ContractViolation($"path parameter {parameter.Name}", "", "required", $"{operation} requires it"));
        }

        var query = Query(url);
        foreach (var name in query.Select(q => q.Name).Distinct(StringComparer.Ordinal))
        {
            if (operation.Parameters.Any(p => p.In == "query" && p.Name == name)) continue;
            var declared = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
            violations.Add(new ContractViolation($"query parameter {name}", "", "undeclared query parameter",
                $"{operation} declares {(declared.Count == 0 ? "no query parameter" : "only " + string.Join(", ", declared))}"));
        }
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var values = query.Where(q => q.Name == parameter.Name).Select(q => q.Value).ToList();
            if (values.Count > 0) CheckParameter(parameter, values, violations);
            else if (parameter.Required)
                violations.Add(new ContractViolation($"query parameter {parameter.Name}", "", "required", $"{operation} requires it"));
        }

        var sent = (headers ?? []).ToList();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "header"))
        {
            var values = sent.Where(h => h.Key.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
            if (values.Count > 0) CheckParameter(parameter, values, violations);
            else if (parameter.Required)
                violations.Add(new ContractViolation($"header {parameter.Name}", "", "required", $"{operation} requires it"));
        }
        if (operation.RequiresAuthorization && !sent.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            violations.Add(
                new ContractViolation("header Authorization", "", "security", $"{operation} requires credentials and the request sends none"));

        contentType ??= sent.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        CheckRequestBody(operation, body, contentType, violations);
        return violations;
    }

    /// <summary>Checks a request as an <see cref="HttpClient"/> sends it (its content is read, and stays readable).</summary>
    public async Task<IReadOnlyList<ContractViolation>> ValidateRequestAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken = default)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))).ToList();
        string? body = null;
        string? contentType = null;
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))));
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
            contentType = request.Content.Headers.ContentType?.ToString();
        }
        return ValidateRequest(request.Method.Method, request.RequestUri?.ToString() ?? "/", headers, body, contentType);
    }

    /// <summary>Checks an answer to the operation a request reached (an unknown operation is a violation).</summary>
    public IReadOnlyList<ContractViolation> ValidateResponse(
        string method, string url, int statusCode, string? body, string? contentType = "application/json") =>
        FindOperation(method, url) is { } operation
            ? ValidateResponse(operation, statusCode, body, contentType)
            : [new ContractViolation("response", "", "unknown operation", $"{Spec.Name} declares no {method.ToUpperInvariant()} " +
                $"{Spec.RelativePath(PathOf(url))}")];

    /// <summary>
    /// Checks an answer: the status must be declared (exactly, by class such as <c>4XX</c>, or by
    /// <c>default</c>), a body must be of a declared media type and match its schema, and a response declared
    /// with a body must have one.
    /// </summary>
    public IReadOnlyList<ContractViolation> ValidateResponse(
        OpenApiOperation operation,
        int statusCode,
        string? body,
        string? contentType = "application/json")
    {
        var where = $"response {statusCode.ToString(CultureInfo.InvariantCulture)}";
        var response = operation.Response(statusCode);
        if (response is null)
            return [
                new ContractViolation(
                    where,
                    "",
                    "undeclared status code",
                    $"{operation} declares {string.Join(", ", operation.StatusCodes)}, not {statusCode}")];

        var violations = new List<ContractViolation>();
        if (string.IsNullOrEmpty(body))
        {
            if (response.ContentTypes.Count > 0)
                violations.Add(
                    new ContractViolation(
                        where,
                        "",
                        "missing body",
                        $"{operation} answers {response.StatusKey} with a body of {string.Join(" or ", response.ContentTypes)}"));
            return violations;
        }
        if (response.ContentTypes.Count == 0)
        {
            violations.Add(new ContractViolation(where, "", "unexpected body", $"{operation} answers {response.StatusKey} without a body"));
            return violations;
        }
        CheckBody(where, response.Content, response.ContentTypes, contentType, body, SchemaDirection.Response, violations);
        return violations;
    }

    /// <summary>Checks an answer as an <see cref="HttpClient"/> receives it, against the operation of its request.</summary>
    public async Task<IReadOnlyList<ContractViolation>> ValidateResponseAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken = default)
    {
        var request = response.RequestMessage
            ?? throw new ArgumentException("the response carries no request to find its operation from", nameof(response));
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return ValidateResponse(
            request.Method.Method, request.RequestUri?.ToString() ?? "/", (int)response.StatusCode, body,
            response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>
    /// Checks a JSON text against one of the spec's schemas, e.g. <c>ValidateSchema("Error", body,
    /// SchemaDirection.Response)</c> for an answer the spec does not declare by status (Square declares only
    /// 200s; its errors come in the <c>errors</c> field every response schema has).
    /// </summary>
    public IReadOnlyList<ContractViolation> ValidateSchema(string componentName, string json, SchemaDirection direction) =>
        ValidateSchema(Spec.ComponentSchema(componentName), json, direction, $"{componentName} body");

    /// <summary>Checks a JSON text against an OpenAPI schema node of this spec (a component, or an operation's inline schema).</summary>
    public IReadOnlyList<ContractViolation> ValidateSchema(JsonNode openApiSchema, string json, SchemaDirection direction, string where = "body")
    {
        var violations = new List<ContractViolation>();
        if (Parse(where, json, violations) is { } document)
        {
            using (document) violations.AddRange(Spec.Schemas(direction).Validate(openApiSchema, document.RootElement, where));
        }
        return violations;
    }

    /// <summary>The JSON Schema (2020-12) a schema of the spec is checked with, for a test or a reader who wants to see the translation.</summary>
    public JsonNode Translation(JsonNode openApiSchema, SchemaDirection direction) => Spec.Schemas(direction).Translated(openApiSchema);

    private void CheckRequestBody(OpenApiOperation operation, string? body, string? contentType, List<ContractViolation> violations)
    {
        if (string.IsNullOrEmpty(body))
        {
            if (operation.RequestBodyRequired)
                violations.Add(
                    new ContractViolation(
                        "request body",
                        "",
                        "required",
                        $"{operation} requires a body of {string.Join(" or ", operation.RequestContentTypes)}"));
            return;
        }
        if (operation.RequestContentTypes.Count == 0)
        {
            violations.Add(new ContractViolation("request body", "", "unexpected body", $"{operation} takes no body"));
            return;
        }
        CheckBody("request body", operation.RequestContent, operation.RequestContentTypes, contentType, body, SchemaDirection.Request, violations);
    }

    private void CheckBody(
        string where, JsonObject? content, IReadOnlyList<string> declared, string? contentType, string body,
        SchemaDirection direction, List<ContractViolation> violations)
    {
        var type = string.IsNullOrWhiteSpace(contentType) ? "application/json" : contentType;
        var media = MediaTypes.Find(content, type);
        if (media is null)
        {
            violations.Add(
                new ContractViolation(
                    where,
                    "",
                    "content type",
                    $"{MediaTypes.Essence(type)} is not declared; the spec declares {string.Join(", ", declared)}"));
            return;
        }
        if (!MediaTypes.IsJson(type)) return; // octet-stream, PDF, multipart: no schema of ours to hold them to
        if ((Spec.Resolve(media) as JsonObject)?["schema"] is not { } schema) return;
        violations.AddRange(ValidateSchema(schema, body, direction, where));
    }

    private void CheckParameter(OpenApiParameter parameter, IReadOnlyList<string> values, List<ContractViolation> violations)
    {
        var where = parameter.In == "header" ? $"header {parameter.Name}" : $"{parameter.In} parameter {parameter.Name}";
        if (parameter.Schema is null) return;
        var schema = Spec.Resolve(parameter.Schema) as JsonObject ?? [];
        var type = (string?)schema["type"];
        JsonNode? value;
        if (type == "array")
        {
            var items = schema["items"] is { } itemSchema ? Spec.Resolve(itemSchema) as JsonObject : null;
            var parts = parameter.In == "query" && parameter.Explode ? values : values.SelectMany(v => v.Split(',')).ToList();
            value = new JsonArray(parts.Select(p => Coerce(p, (string?)items?["type"])).ToArray());
        }
        else if (type == "object")
        {
            return; // deepObject and friends: no PosSync call uses them
        }
        else
        {
            if (values.Count > 1)
            {
                violations.Add(new ContractViolation(where, "", "repeated", $"given {values.Count} times; the spec declares one {type ?? "value"}"));
                return;
            }
            value = Coerce(values[0], type);
        }
        violations.AddRange(ValidateSchema(parameter.Schema, value?.ToJsonString() ?? "null", SchemaDirection.Request, where));
    }

    /// <summary>
    /// A parameter's text as the JSON value its schema's type reads it as; left a string when it does not read, so the
    /// type check says so.
    /// </summary>
    private static JsonNode? Coerce(string text, string? type) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        "number" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        "boolean" when text is "true" or "false" => JsonValue.Create(text == "true"),
        _ => JsonValue.Create(text),
    };

    private static JsonDocument? Parse(string where, string json, List<ContractViolation> violations)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            violations.Add(new ContractViolation(where, "", "not JSON", $"the body does not parse (line {e.LineNumber + 1}): {e.Message}"));
            return null;
        }
    }

    private string PathOf(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : url.Split('?', 2)[0];
        if (_mountPath.Length > 0 && (path == _mountPath || path.StartsWith(_mountPath + "/", StringComparison.Ordinal)))
            path = path[_mountPath.Length..];
        return path;
    }

    private static List<(string Name, string Value)> Query(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0) return [];
        var query = url[(question + 1)..].Split('#', 2)[0];
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : ""))
            .ToList();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
