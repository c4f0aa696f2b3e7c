namespace PosSync.Domain.Configuration;

/// <summary>
/// One field of a consumer's configuration that an apply changed, named by its path in the
/// configuration file (<c>settings.tolerance</c>, <c>mappings.payment_methods.pm-card</c>), with the
/// values as support reads them; null where the field was absent.
/// </summary>
public sealed record ConfigurationChange(string Field, string? OldValue, string? NewValue);
