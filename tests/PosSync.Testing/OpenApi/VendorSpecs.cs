namespace PosSync.Testing.OpenApi;

/// <summary>
/// The vendors' official OpenAPI files, read where the project keeps them: <c>../shared/specs</c> next to
/// the clone (the folder holding PosSync.sln, found by walking up from the test's output). They are never
/// copied into the project; each is parsed once per test run.
/// </summary>
public static class VendorSpecs
{
    public const string SquareFile = "square-api.json";
    public const string XeroFile = "xero-accounting.yaml";

    private static readonly Lazy<string> FolderPath = new(FindFolder);

    /// <summary>The folder holding the vendors' specs: <c>{clone}/../shared/specs</c>.</summary>
    public static string Folder => FolderPath.Value;

    /// <summary>Square's API (OpenAPI 3.0 JSON; paths start with /v2 or /oauth2, no server base path).</summary>
    public static OpenApiSpec Square => OpenApiSpec.Load(Path.Combine(Folder, SquareFile));

    /// <summary>Xero's Accounting API (OpenAPI 3.0 YAML; server base path /api.xro/2.0).</summary>
    public static OpenApiSpec Xero => OpenApiSpec.Load(Path.Combine(Folder, XeroFile));

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "PosSync.sln"))) continue;
            var specs = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "specs"));
            if (!Directory.Exists(specs))
                throw new DirectoryNotFoundException(
                    $"The vendors' OpenAPI files are read from ../shared/specs next to the clone, and {specs} does not exist.");
            return specs;
        }
        throw new InvalidOperationException(
            "PosSync.sln not found above " + AppContext.BaseDirectory + ": the vendors' specs are found from the clone's root.");
    }
}
