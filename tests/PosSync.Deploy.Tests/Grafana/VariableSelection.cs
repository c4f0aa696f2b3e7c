namespace PosSync.Deploy.Tests.Grafana;

/// <summary>How the variables are set when a query runs: each query is checked under every one of these.</summary>
public enum VariableSelection
{
    /// <summary>One value picked in every variable.</summary>
    OneValue,

    /// <summary>Two values in every multi-value variable.</summary>
    TwoValues,

    /// <summary>"All" in every variable that offers it.</summary>
    All,
}
