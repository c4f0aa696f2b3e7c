namespace PosSync.Testing.OpenApi;

/// <summary>
/// One way a request or an answer strays from the vendor's OpenAPI file. <see cref="Where"/> says which part
/// (<c>request body</c>, <c>query parameter sort</c>, <c>response</c>...), <see cref="Pointer"/> is the JSON
/// pointer into that part's value (empty for the part itself), <see cref="Rule"/> the broken rule (<c>enum</c>,
/// <c>type</c>, <c>required</c>, <c>unknown field</c>, <c>undeclared status code</c>...), and
/// <see cref="Message"/> says it in words, naming the spec's schema when there is one.
/// </summary>
public sealed record ContractViolation(string Where, string Pointer, string Rule, string Message)
{
    public override string ToString() =>
        Pointer.Length == 0 ? $"{Where}: {Rule}: {Message}" : $"{Where} {Pointer}: {Rule}: {Message}";

    /// <summary>One violation a line, for an assertion's message.</summary>
    public static string Describe(IEnumerable<ContractViolation> violations) =>
        string.Join(Environment.NewLine, violations.Select(v => v.ToString()));
}
