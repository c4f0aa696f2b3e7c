using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Square;

/// <summary>
/// Square's error envelope, <c>{"errors":[{category, code, detail, field}]}</c> (docs/vendors/square.md
/// "Errors"), with the status PosSync and the sandbox agree on for each code where Square publishes none.
/// </summary>
public static partial class SquareError
{
    public static IResult Answer(int status, string category, string code, string detail, string? field = null) =>
        Results.Json(new { errors = new[] { Body(category, code, detail, field) } }, statusCode: status);

    /// <summary>An invalid request: 400 INVALID_REQUEST_ERROR with the code and the field it is about.</summary>
    public static IResult Invalid(string code, string detail, string? field = null) => Answer(400, "INVALID_REQUEST_ERROR", code, detail, field);

    /// <summary>
    /// A scripted fault: its message is the code when written as one (ACCESS_TOKEN_EXPIRED), else the
    /// detail of the status's usual code.
    /// </summary>
    public static IResult ForStatus(int status, string message)
    {
        var code = CodePattern().IsMatch(message) ? message : CodeOf(status);
        return Answer(status, CategoryOf(code, status), code, CodePattern().IsMatch(message) ? $"Sandbox fault {status} {code}" : message);
    }

    private static Dictionary<string, object?> Body(string category, string code, string detail, string? field)
    {
        var error = new Dictionary<string, object?> { ["category"] = category, ["code"] = code, ["detail"] = detail };
        if (field is not null) error["field"] = field;
        return error;
    }

    private static string CodeOf(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        429 => "RATE_LIMITED",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "INTERNAL_SERVER_ERROR",
    };

    private static string CategoryOf(string code, int status) => code switch
    {
        "UNAUTHORIZED" or "ACCESS_TOKEN_EXPIRED" or "ACCESS_TOKEN_REVOKED" or "INSUFFICIENT_SCOPES" or "FORBIDDEN" => "AUTHENTICATION_ERROR",
        "RATE_LIMITED" => "RATE_LIMIT_ERROR",
        _ when status >= 500 => "API_ERROR",
        _ => "INVALID_REQUEST_ERROR",
    };

    [GeneratedRegex("^[A-Z][A-Z_]+$")]
    private static partial Regex CodePattern();
}
