namespace PosSync.Testing.OpenApi;

/// <summary>
/// Which way a body travels, since OpenAPI 3.0 reads a schema differently each way: <c>readOnly</c>
/// properties belong to answers only, <c>writeOnly</c> ones to requests only, and a request is held to the
/// fields its schema declares while an answer may carry more (see docs/contract-tests.md).
/// </summary>
public enum SchemaDirection
{
    Request,
    Response,
}
