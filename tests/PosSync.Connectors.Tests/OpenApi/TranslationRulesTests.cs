using System.Text.Json.Nodes;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests.OpenApi;

/// <summary>
/// Each OpenAPI 3.0 rule the validator translates (docs/contract-tests.md), on a small YAML spec of the
/// test's own where every rule shows on its own: nullable, $ref, readOnly/writeOnly, composition, boolean
/// exclusive bounds, formats, extensions, status classes and default, path templates and base paths.
/// </summary>
public class TranslationRulesTests
{
    private const string Yaml = """
        openapi: 3.0.3
        info: { title: Rules, version: "1" }
        servers:
          - url: https://api.example.test/base/v1
        paths:
          /things:
            post:
              operationId: createThing
              security: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Thing' }
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
                default:
                  description: a problem
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Problem' }
          /things/{id}:
            parameters:
              - name: id
                in: path
                required: true
                schema: { type: integer, minimum: 0, exclusiveMinimum: true }
            get:
              operationId: getThing
              security:
                - oauth: [things.read]
              parameters:
                - name: fields
                  in: query
                  schema: { type: array, items: { type: string, enum: [name, kind, size] } }
                - name: X-Trace
                  in: header
                  required: false
                  schema: { type: string, maxLength: 8 }
              responses:
                '2XX':
                  description: the thing
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
                '204':
                  description: nothing
          /things/special:
            get:
              operationId: getSpecialThing
              responses:
                '200': { description: special }
          /pets:
            post:
              operationId: createPet
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Pet' }
              responses:
                '200': { description: ok }
        components:
          schemas:
            Thing:
              type: object
              x-internal: true
              discriminator: { propertyName: kind }
              required: [id, name, secret]
              properties:
                id: { type: string, readOnly: true }
                name: { type: string, nullable: true }
                secret: { type: string, writeOnly: true }
                kind: { $ref: '#/components/schemas/Kind', nullable: true }
                strictKind: { $ref: '#/components/schemas/Kind' }
                size: { type: number, minimum: 0, exclusiveMinimum: true, example: "not checked" }
                when: { type: string, format: date-time }
                code: { type: string, example: 720 }
                tags: { type: object, additionalProperties: { type: string } }
            Kind: { type: string, enum: [A, B] }
            Animal:
              type: object
              required: [legs]
              properties:
                legs: { type: integer }
            Pet:
              allOf:
                - $ref: '#/components/schemas/Animal'
                - type: object
                  properties:
                    name: { type: string }
            Problem:
              type: object
              properties:
                title: { type: string }
        """;

    private static readonly Lazy<OpenApiSpec> Rules = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("possync-openapi-rules-");
        var path = Path.Combine(folder.FullName, "rules.yaml");
        File.WriteAllText(path, Yaml);
        return OpenApiSpec.Load(path);
    });

    private static ContractValidator Validator => new(Rules.Value);

    private static IReadOnlyList<ContractViolation> Create(string body) =>
        Validator.ValidateRequest("POST", "https://api.example.test/base/v1/things", body: body);

    private static IReadOnlyList<ContractViolation> Created(string body) => Validator.ValidateResponse("POST", "/base/v1/things", 201, body);

    [OneTimeTearDown]
    public void RemoveTheSpec()
    {
        if (Rules.IsValueCreated) Directory.Delete(Path.GetDirectoryName(Rules.Value.FilePath)!, recursive: true);
    }

    [Test]
    public void Nullable_adds_null_to_the_type_and_next_to_a_ref_to_the_referred_schema()
    {
        ContractAssert.Passes(Create("""{"name":null,"secret":"s","kind":null}"""));
        ContractAssert.Fails(Create("""{"name":"n","secret":"s","strictKind":null}"""), "type", "/strictKind");
        ContractAssert.Fails(Create("""{"name":"n","secret":"s","kind":"C"}"""), "enum", "/kind");
    }

    [Test]
    public void A_read_only_property_is_not_required_in_a_request_and_may_not_be_sent_in_one()
    {
        ContractAssert.Passes(Create("""{"name":"n","secret":"s"}"""));
        ContractAssert.Fails(Create("""{"id":"t1","name":"n","secret":"s"}"""), "readOnly", "/id");
        ContractAssert.Passes(Created("""{"id":"t1","name":"n"}"""));
        var missing = ContractAssert.Fails(Created("""{"name":"n"}"""), "required", "");
        Assert.That(missing.Message, Does.Contain("id"));
    }

    [Test]
    public void A_write_only_property_is_required_in_a_request_and_may_not_come_back_in_an_answer()
    {
        var missing = ContractAssert.Fails(Create("""{"name":"n"}"""), "required", "");
        Assert.That(missing.Message, Does.Contain("secret"));
        ContractAssert.Fails(Created("""{"id":"t1","name":"n","secret":"s"}"""), "writeOnly", "/secret");
    }

    [Test]
    public void A_request_may_send_only_declared_fields_while_an_answer_may_carry_more()
    {
        ContractAssert.Fails(Create("""{"name":"n","secret":"s","colour":"red"}"""), "unknown field", "/colour");
        ContractAssert.Passes(Created("""{"id":"t1","name":"n","colour":"red"}"""));
        ContractAssert.Passes(Create("""{"name":"n","secret":"s","tags":{"any":"key"}}"""), "additionalProperties given by the schema is kept");
        ContractAssert.Fails(Create("""{"name":"n","secret":"s","tags":{"any":1}}"""), "type", "/tags/any");
    }

    [Test]
    public void Members_of_an_allOf_do_not_refuse_each_other_s_fields_and_the_whole_still_refuses_strangers()
    {
        ContractAssert.Passes(Validator.ValidateRequest("POST", "/base/v1/pets", body: """{"legs":4,"name":"Rex"}"""));
        ContractAssert.Fails(
            Validator.ValidateRequest("POST", "/base/v1/pets", body: """{"legs":4,"name":"Rex","colour":"red"}"""),
            "unknown field",
            "/colour");
        ContractAssert.Fails(Validator.ValidateRequest("POST", "/base/v1/pets", body: """{"name":"Rex"}"""), "required", "");
    }

    [Test]
    public void A_boolean_exclusive_minimum_excludes_its_bound()
    {
        ContractAssert.Fails(Create("""{"name":"n","secret":"s","size":0}"""), "exclusiveMinimum", "/size");
        ContractAssert.Passes(Create("""{"name":"n","secret":"s","size":0.5}"""));
    }

    [Test]
    public void Formats_examples_extensions_and_discriminators_are_not_checked()
    {
        ContractAssert.Passes(Create("""{"name":"n","secret":"s","when":"/Date(1552521600000+0000)/","size":1,"code":"720"}"""));

        var translation = Validator.Translation(Rules.Value.ComponentSchema("Thing"), SchemaDirection.Request).ToJsonString();
        Assert.That(
            translation,
            Does.Not.Contain("format").And.Not.Contain("x-internal").And.Not.Contain("discriminator").And.Not.Contain("example"));
    }

    [Test]
    public void The_translation_is_visible_for_each_direction()
    {
        var thing = Rules.Value.ComponentSchema("Thing");

        var request = Validator.Translation(thing, SchemaDirection.Request).AsObject();
        var response = Validator.Translation(thing, SchemaDirection.Response).AsObject();

        Assert.That(request["additionalProperties"]?.GetValue<bool>(), Is.False);
        Assert.That(request["properties"]!["id"]!.GetValue<bool>(), Is.False, "read-only: refused in a request");
        Assert.That(request["required"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "name", "secret" }));
        Assert.That(response.ContainsKey("additionalProperties"), Is.False);
        Assert.That(response["properties"]!["name"]!["type"]!.ToJsonString(), Is.EqualTo("""["string","null"]"""));
        Assert.That(response["properties"]!["kind"]!["$ref"]!.GetValue<string>(), Does.EndWith("#/$defs/Kind.nullable"));
        Assert.That(response["required"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "id", "name" }));
    }

    [Test]
    public void An_answer_falls_back_on_its_status_class_then_on_default()
    {
        Assert.That(Rules.Value.Operation("GET", "/things/{id}").Response(203)?.StatusKey, Is.EqualTo("2XX"));
        Assert.That(Rules.Value.Operation("GET", "/things/{id}").Response(204)?.StatusKey, Is.EqualTo("204"));
        Assert.That(Rules.Value.Operation("POST", "/things").Response(503)?.StatusKey, Is.EqualTo("default"));

        ContractAssert.Passes(Validator.ValidateResponse("POST", "/base/v1/things", 503, """{"title":"down"}"""));
        ContractAssert.Fails(Validator.ValidateResponse("POST", "/base/v1/things", 503, """{"title":5}"""), "type", "/title");
        ContractAssert.Fails(Validator.ValidateResponse("GET", "/base/v1/things/5", 404, "{}"), "undeclared status code", "", "response 404");
    }

    [Test]
    public void An_answer_s_body_must_be_there_when_declared_and_absent_when_not()
    {
        ContractAssert.Passes(Validator.ValidateResponse("GET", "/base/v1/things/5", 204, null));
        ContractAssert.Fails(Validator.ValidateResponse("GET", "/base/v1/things/5", 204, "{}"), "unexpected body", "", "response 204");
        ContractAssert.Fails(Validator.ValidateResponse("GET", "/base/v1/things/5", 200, ""), "missing body", "", "response 200");
        ContractAssert.Fails(Validator.ValidateResponse("GET", "/base/v1/things/5", 200, "<html/>", "text/html"), "content type", "", "response 200");
        ContractAssert.Fails(
            Validator.ValidateResponse("GET", "/base/v1/things/5", 200, "{not json", "application/json; charset=utf-8"),
            "not JSON",
            "",
            "response 200");
    }

    [Test]
    public void Path_parameters_are_read_from_the_template_and_checked_against_their_schema()
    {
        var headers = new[] { KeyValuePair.Create("Authorization", "Bearer t") };

        ContractAssert.Passes(Validator.ValidateRequest("GET", "/base/v1/things/5", headers));
        ContractAssert.Fails(Validator.ValidateRequest("GET", "/base/v1/things/0", headers), "exclusiveMinimum", "", "path parameter id");
        ContractAssert.Fails(Validator.ValidateRequest("GET", "/base/v1/things/five", headers), "type", "", "path parameter id");
    }

    [Test]
    public void Array_query_parameters_repeat_and_each_value_is_checked()
    {
        var headers = new[] { KeyValuePair.Create("Authorization", "Bearer t") };

        ContractAssert.Passes(Validator.ValidateRequest("GET", "/base/v1/things/5?fields=name&fields=kind", headers));
        ContractAssert.Fails(
            Validator.ValidateRequest("GET", "/base/v1/things/5?fields=name&fields=colour", headers),
            "enum",
            "/1",
            "query parameter fields");
        ContractAssert.Fails(
            Validator.ValidateRequest("GET", "/base/v1/things/5", [.. headers, KeyValuePair.Create("x-trace", "far-too-long")]),
            "maxLength",
            "",
            "header X-Trace");
    }

    [Test]
    public void A_literal_path_wins_over_a_template_and_the_server_s_base_path_and_a_sandbox_s_mount_are_taken_off()
    {
        Assert.That(Rules.Value.BasePath, Is.EqualTo("/base/v1"));
        Assert.That(Rules.Value.FindOperation("GET", "https://api.example.test/base/v1/things/special")?.OperationId, Is.EqualTo("getSpecialThing"));
        Assert.That(Rules.Value.FindOperation("GET", "https://api.example.test/base/v1/things/42/")?.OperationId, Is.EqualTo("getThing"));
        Assert.That(
            Rules.Value.FindOperation("GET", "/things/42")?.OperationId,
            Is.EqualTo("getThing"),
            "a path relative to the server is taken as it is");
        Assert.That(Rules.Value.FindOperation("GET", "/base/v1/things/42/parts"), Is.Null);

        var sandbox = new ContractValidator(Rules.Value, mountPath: "/rules");
        Assert.That(sandbox.FindOperation("GET", "http://127.0.0.1:5123/rules/base/v1/things/42")?.OperationId, Is.EqualTo("getThing"));
        ContractAssert.Fails(sandbox.ValidateRequest("GET", "http://127.0.0.1:5123/elsewhere/base/v1/things/42"), "unknown operation");
    }

    [Test]
    public void Credentials_are_asked_only_where_the_operation_declares_security()
    {
        ContractAssert.Fails(Validator.ValidateRequest("GET", "/base/v1/things/5"), "security", "", "header Authorization");
        ContractAssert.Passes(Validator.ValidateRequest("GET", "/base/v1/things/special"), "no security declared");
        ContractAssert.Passes(Create("""{"name":"n","secret":"s"}"""), "security: [] on the operation");
    }

    [Test]
    public void YAML_scalars_keep_their_JSON_types()
    {
        var thing = Rules.Value.ComponentSchema("Thing")["properties"]!;

        Assert.That(Rules.Value.Document["info"]!["version"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.String), "quoted \"1\"");
        Assert.That(thing["size"]!["exclusiveMinimum"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.True));
        Assert.That(thing["code"]!["example"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
    }
}
