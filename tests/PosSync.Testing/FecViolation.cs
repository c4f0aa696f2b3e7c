namespace PosSync.Testing;

/// <summary>One broken FEC rule, located so a failing test says where to look: line 1 is the header.</summary>
public sealed record FecViolation(int Line, string Column, string Rule)
{
    public override string ToString() => $"line {Line}, {Column}: {Rule}";
}
