using System.Diagnostics;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests.OpenApi;

/// <summary>The vendors' files as the validator reads them: where they are found, what they declare, and their defects.</summary>
public class VendorSpecsTests
{
    [Test]
    public void The_specs_are_read_from_shared_specs_beside_the_clone_and_parsed_once_per_run()
    {
        var clone = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(clone.FullName, "PosSync.sln"))) clone = clone.Parent!;

        Assert.That(VendorSpecs.Folder, Is.EqualTo(Path.GetFullPath(Path.Combine(clone.FullName, "..", "shared", "specs"))));
        Assert.That(VendorSpecs.Square.FilePath, Does.StartWith(VendorSpecs.Folder), "read in place, never copied into the project");
        Assert.That(Directory.GetFiles(clone.FullName, "square-api.json", SearchOption.AllDirectories), Is.Empty, "no copy of a spec in the clone");
        Assert.That(OpenApiSpec.Load(Path.Combine(VendorSpecs.Folder, VendorSpecs.SquareFile)), Is.SameAs(VendorSpecs.Square));
        Assert.That(
            OpenApiSpec.Load(Path.Combine(VendorSpecs.Folder, "..", "specs", VendorSpecs.XeroFile)),
            Is.SameAs(VendorSpecs.Xero),
            "one tree per file, however the path is written");
    }

    [Test]
    public void The_server_base_paths_are_taken_from_the_servers()
    {
        Assert.That(VendorSpecs.Square.BasePath, Is.Empty);
        Assert.That(VendorSpecs.Xero.BasePath, Is.EqualTo("/api.xro/2.0"));
        Assert.That(VendorSpecs.Xero.RelativePath("https://api.xero.com/api.xro/2.0/ManualJournals?page=2"), Is.EqualTo("/ManualJournals"));
    }

    [TestCase("GET", "https://api.xero.com/api.xro/2.0/Reports/BalanceSheet", "/Reports/BalanceSheet")]
    [TestCase("GET", "https://api.xero.com/api.xro/2.0/Reports/3d3e2b43-0c9e-4a8e-9f4b-3e0e6c1a0f11", "/Reports/{ReportID}")]
    [TestCase("GET", "https://api.xero.com/api.xro/2.0/ManualJournals/0b159335-606b-485f-b51b-97b3b32bad32", "/ManualJournals/{ManualJournalID}")]
    [TestCase("GET", "https://api.xero.com/api.xro/2.0/TaxRates", "/TaxRates")]
    [TestCase("GET", "https://api.xero.com/api.xro/2.0/TrackingCategories", "/TrackingCategories")]
    public void A_Xero_URL_reaches_the_operation_whose_template_fits_literal_segments_first(string method, string url, string template)
    {
        Assert.That(VendorSpecs.Xero.FindOperation(method, url)?.PathTemplate, Is.EqualTo(template));
    }

    [TestCase("GET", "https://connect.squareup.com/v2/locations/L8GZ0TGSXJ1E2", "/v2/locations/{location_id}")]
    [TestCase("GET", "https://connect.squareup.com/v2/catalog/list?types=TAX,CATEGORY", "/v2/catalog/list")]
    [TestCase("POST", "https://connect.squareup.com/v2/catalog/search", "/v2/catalog/search")]
    [TestCase("GET", "https://connect.squareup.com/v2/catalog/object/ITEM123", "/v2/catalog/object/{object_id}")]
    [TestCase("POST", "https://connect.squareup.com/oauth2/token", "/oauth2/token")]
    public void A_Square_URL_reaches_the_operation_whose_template_fits(string method, string url, string template)
    {
        Assert.That(VendorSpecs.Square.FindOperation(method, url)?.PathTemplate, Is.EqualTo(template));
    }

    [Test]
    public void Parameters_merge_the_path_level_ones_with_the_operation_s_own_with_refs_resolved()
    {
        var parameters = VendorSpecs.Xero.Operation("GET", "/ManualJournals").Parameters;

        Assert.That(parameters.Select(p => $"{p.In} {p.Name} {p.Required}"), Is.EquivalentTo(new[]
        {
            "header xero-tenant-id True", "header If-Modified-Since False", "query where False", "query order False",
            "query page False", "query pageSize False",
        }));
        Assert.That((string?)parameters.Single(p => p.Name == "page").Schema?["type"], Is.EqualTo("integer"));
        Assert.That(
            VendorSpecs.Xero.Operation("PUT", "/ManualJournals").Parameters.Select(p => p.Name),
            Is.EquivalentTo(new[] { "xero-tenant-id", "summarizeErrors", "Idempotency-Key" }));
    }

    [Test]
    public void Request_and_response_schemas_are_found_by_media_type_and_status()
    {
        var search = VendorSpecs.Square.Operation("POST", "/v2/orders/search");
        var journals = VendorSpecs.Xero.Operation("PUT", "/ManualJournals");

        Assert.That((string?)search.RequestBodySchema()?["$ref"], Is.EqualTo("#/components/schemas/SearchOrdersRequest"));
        Assert.That(
            (string?)search.RequestBodySchema("application/json; charset=utf-8")?["$ref"],
            Is.EqualTo("#/components/schemas/SearchOrdersRequest"));
        Assert.That(search.RequestBodyRequired, Is.True);
        Assert.That((string?)search.ResponseSchema(200)?["$ref"], Is.EqualTo("#/components/schemas/SearchOrdersResponse"));
        Assert.That(search.StatusCodes, Is.EqualTo(new[] { "200" }));
        Assert.That(
            (string?)journals.ResponseSchema(400)?["$ref"],
            Is.EqualTo("#/components/schemas/Error"),
            "through #/components/responses/400Error");
        Assert.That(journals.RequiresAuthorization && search.RequiresAuthorization, Is.True);
        Assert.That(VendorSpecs.Square.Operation("POST", "/oauth2/token").RequiresAuthorization, Is.False);
    }

    [Test]
    public void Square_s_file_refers_five_times_to_a_schema_it_does_not_have_and_those_fields_are_not_checked()
    {
        Assert.That(
            VendorSpecs.Square.DanglingReferences.Values.Distinct(),
            Is.EqualTo(new[] { "#/components/schemas/CatalogModifierToggleOverrideType" }));
        Assert.That(VendorSpecs.Square.DanglingReferences.Keys, Is.EquivalentTo(new[]
        {
            "#/components/schemas/CatalogItemModifierListInfo/properties/allow_quantities",
            "#/components/schemas/CatalogItemModifierListInfo/properties/hidden_from_customer_override",
            "#/components/schemas/CatalogItemModifierListInfo/properties/is_conversational",
            "#/components/schemas/CatalogModifierOverride/properties/hidden_online_override",
            "#/components/schemas/CatalogModifierOverride/properties/on_by_default_override",
        }));
        Assert.That(VendorSpecs.Xero.DanglingReferences, Is.Empty);

        var info = """{"modifier_list_id":"ML1","allow_quantities":"anything","hidden_from_customer_override":{"any":"shape"}}""";
        ContractAssert.Passes(
            new ContractValidator(VendorSpecs.Square).ValidateSchema("CatalogItemModifierListInfo", info, SchemaDirection.Response));
    }

    [Test]
    public void Both_specs_build_in_both_directions_with_every_schema_translated()
    {
        var watch = Stopwatch.StartNew();
        foreach (var spec in new[] { VendorSpecs.Square, VendorSpecs.Xero })
        {
            var validator = new ContractValidator(spec);
            foreach (var direction in new[] { SchemaDirection.Request, SchemaDirection.Response })
            {
                foreach (var name in spec.Document["components"]!["schemas"]!.AsObject().Select(p => p.Key).Take(3))
                    Assert.That(validator.Translation(spec.ComponentSchema(name), direction), Is.Not.Null);
            }
        }
        TestContext.Out.WriteLine($"both specs, both directions: {watch.ElapsedMilliseconds} ms (less when other tests built them first)");
    }
}
