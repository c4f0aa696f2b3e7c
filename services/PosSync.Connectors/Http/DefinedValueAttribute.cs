using System.ComponentModel.DataAnnotations;

namespace PosSync.Connectors.Http;

/// <summary>
/// A choice among an enum's names. The configuration binder refuses an unknown name but takes any
/// number ("7"), which would reach the code as a value the enum does not define.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefinedValueAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || Enum.IsDefined(value.GetType(), value)
            ? ValidationResult.Success
            : new ValidationResult($"must be one of {string.Join(", ", Enum.GetNames(value.GetType()))}",
                validationContext.MemberName is { } member ? [member] : null);
}
