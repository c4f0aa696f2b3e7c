namespace PosSync.Domain.Input;

/// <summary>A parsed value, or the problems that kept it from being parsed.</summary>
public sealed class Parsed<T>
{
    private Parsed(T? value, IReadOnlyList<string> problems) { Value = value; Problems = problems; }

    public T? Value { get; }
    public IReadOnlyList<string> Problems { get; }
    public bool IsValid => Problems.Count == 0;

    public static Parsed<T> Accept(T value) => new(value, []);
    public static Parsed<T> Reject(string problem) => new(default, [problem]);
    public static Parsed<T> Reject(IReadOnlyList<string> problems) => new(default, problems);

    /// <summary>Every problem on one line each, for an error message.</summary>
    public string Describe() => string.Join(Environment.NewLine, Problems);
}
