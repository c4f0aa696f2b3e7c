namespace PosSync.Testing.OpenApi;

/// <summary>One call seen by a <see cref="ContractCheckingHandler"/>: what was asked and answered, and how each strayed from the contract.</summary>
public sealed record ContractExchange(
    string Method, string Url, int? StatusCode, IReadOnlyList<ContractViolation> RequestViolations,
    IReadOnlyList<ContractViolation> ResponseViolations)
{
    public IEnumerable<ContractViolation> Violations => RequestViolations.Concat(ResponseViolations);

    public override string ToString() =>
        $"{Method} {Url} → {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}" +
        string.Concat(Violations.Select(v => Environment.NewLine + "  " + v));
}
