namespace PosSync.Connectors.Http;

/// <summary>Lightspeed's endpoint, plus which financial API reads a day.</summary>
public sealed class LightspeedEndpointOptions : VendorEndpointOptions
{
    /// <summary>V1 token answers do not say when the refresh token dies: Lightspeed documents 14 days unused.</summary>
    public LightspeedEndpointOptions() => RefreshTokenDays = 14;

    [DefinedValue]
    public LightspeedFinancialApi FinancialApi { get; set; } = LightspeedFinancialApi.V1;
}
