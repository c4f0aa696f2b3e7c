using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Xero;

/// <summary>Xero's error bodies (docs/vendors/xero.md "Answers" and "What the sandbox must refuse").</summary>
public static class XeroError
{
    /// <summary>400: <c>{ErrorNumber, Type, Message, Elements[]}</c>, the refused elements with their ValidationErrors.</summary>
    public static IResult Validation(IEnumerable<object> elements, string message = "A validation exception occurred") =>
        Results.Json(new { ErrorNumber = 10, Type = "ValidationException", Message = message, Elements = elements.ToList() }, statusCode: 400);

    /// <summary>401 as observed from Xero's OAuth 2 API (PascalCase, I-AUTH).</summary>
    public static IResult Unauthorized(string detail) =>
        Results.Json(
            new Dictionary<string, object?>
            {
                ["Type"] = null,
                ["Title"] = "Unauthorized",
                ["Status"] = 401,
                ["Detail"] = detail,
                ["Instance"] = Guid.NewGuid(),
                ["Extensions"] = new { }
            },
            statusCode: 401);

    /// <summary>403: the xero-tenant-id header is missing, wrong or not authorised for this token (TROUBLE).</summary>
    public static IResult Forbidden() =>
        Results.Json(new { title = "Forbidden", status = 403, detail = "AuthenticationUnsuccessful", instance = Guid.NewGuid() }, statusCode: 403);
}
