using System.Globalization;

namespace PosSync.Cli.Support;

/// <summary>
/// What an option's value must look like, said in words a person at a prompt reads ("a whole
/// number", "one of inmemory, rabbitmq"), never as the .NET type that System.CommandLine names.
/// </summary>
public static class ValueExpectation
{
    public static string Describe(Type valueType, string? token = null)
    {
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}";
        if (type == typeof(int))
            // A number of digits that is too long for the option is not "not a number": say the bound.
            return token is not null && IsWholeNumber(token)
                ? $"a whole number up to {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}" : "a whole number";
        if (type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(decimal)) return "a number such as 2.5";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(FileInfo)) return "a file path";
        if (type == typeof(DirectoryInfo)) return "a folder path";
        return "a value";
    }

    /// <summary>Whether the text converts to the type, as System.CommandLine converts it.</summary>
    public static bool Accepts(Type valueType, string token)
    {
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        // By name only: System.CommandLine also takes a number ("7") for an enum, which names nothing.
        if (type.IsEnum) return !long.TryParse(token, CultureInfo.InvariantCulture, out _) && Enum.TryParse(type, token, ignoreCase: true, out _);
        if (type == typeof(int)) return int.TryParse(token, CultureInfo.InvariantCulture, out _);
        if (type == typeof(long)) return long.TryParse(token, CultureInfo.InvariantCulture, out _);
        if (type == typeof(double)) return double.TryParse(token, CultureInfo.InvariantCulture, out _);
        if (type == typeof(decimal)) return decimal.TryParse(token, CultureInfo.InvariantCulture, out _);
        if (type == typeof(bool)) return bool.TryParse(token, out _);
        return true;
    }

    private static bool IsWholeNumber(string token) => token.Length > 0 && token.TrimStart('-', '+').All(char.IsAsciiDigit);
}
