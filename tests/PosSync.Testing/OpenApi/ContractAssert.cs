namespace PosSync.Testing.OpenApi;

/// <summary>NUnit assertions over contract checks, whose failure messages list every violation, one a line.</summary>
public static class ContractAssert
{
    /// <summary>Fails with every violation when there is any.</summary>
    public static void Passes(IReadOnlyCollection<ContractViolation> violations, string? what = null) =>
        Assert.That(
            violations,
            Is.Empty,
            (what is null ? "" : what + ": ")
                + "violations of the vendor's contract:"
                + Environment.NewLine
                + ContractViolation.Describe(violations));

    /// <summary>
    /// Asserts a violation of the rule at the JSON pointer (and where, when given) is among them, and returns it for
    /// more checks on its message.
    /// </summary>
    public static ContractViolation Fails(IReadOnlyCollection<ContractViolation> violations, string rule, string pointer = "", string? where = null)
    {
        var found = violations.FirstOrDefault(v => v.Rule == rule && v.Pointer == pointer && (where is null || v.Where == where));
        Assert.That(found, Is.Not.Null,
            $"expected a '{rule}' violation at '{pointer}'{(where is null ? "" : " in " + where)}; got:" + Environment.NewLine +
            (violations.Count == 0 ? "(none)" : ContractViolation.Describe(violations)));
        return found!;
    }
}
