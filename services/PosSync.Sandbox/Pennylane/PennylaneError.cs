using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Pennylane;

/// <summary>
/// Pennylane's one documented error body, <c>{error, message, details}</c> ("error-handling-status-codes",
/// docs/vendors/pennylane.md "Limits and errors"). The vendor shows only a 422 example; the
/// <c>error</c> words for other statuses are the sandbox's guess in the same style.
/// </summary>
public static class PennylaneError
{
    public static IResult Answer(int status, string message, string? field = null, string? issue = null) =>
        Results.Json(new
        {
            error = Word(status),
            message,
            details = field is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["field"] = field,
                ["issue"] = issue ?? message },
        }, statusCode: status);

    private static string Word(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        422 => "unprocessable_entity",
        502 => "bad_gateway",
        503 => "service_unavailable",
        _ => status >= 500 ? "server_error" : "client_error",
    };
}
