using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PosSync.ServiceDefaults;

/// <summary>Binds a section and refuses to start with a message naming every bad setting by its path.</summary>
public static class OptionsCheck
{
    public static T Bind<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new PosSyncConfigurationException($"The configuration section {section} is invalid: {e.Message}", e);
        }
        var problems = Problems(options, section);
        if (problems.Count > 0)
            throw new PosSyncConfigurationException($"PosSync cannot start with this configuration: {string.Join("; ", problems)}");
        return options;
    }

    private static List<string> Problems(object options, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var problems = results.Select(r => $"{path}:{string.Join(",", r.MemberNames)} {Describe(r)}").ToList();
        // Only PosSync's own option types nest; collections and framework types are not walked.
        foreach (var property in options.GetType().GetProperties().Where(p => p.PropertyType.IsClass
            && p.PropertyType.Namespace?.StartsWith("PosSync", StringComparison.Ordinal) == true))
        {
            if (property.GetValue(options) is { } nested) problems.AddRange(Problems(nested, $"{path}:{property.Name}"));
        }
        return problems;
    }

    private static string Describe(ValidationResult result)
    {
        var message = result.ErrorMessage ?? "is invalid";
        // DataAnnotations messages start with the member name ("The X field is required", "The field X must be..."); the path already says it.
        var member = result.MemberNames.FirstOrDefault();
        if (member is null) return message;
        foreach (var opening in new[] { $"The {member} field ", $"The field {member} " })
            if (message.StartsWith(opening, StringComparison.Ordinal)) return message[opening.Length..].TrimEnd('.');
        return message;
    }
}
