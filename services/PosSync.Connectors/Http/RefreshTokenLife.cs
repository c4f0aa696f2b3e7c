namespace PosSync.Connectors.Http;

/// <summary>What a token answer says of its refresh token's life.</summary>
public readonly record struct RefreshTokenLife(bool Stated, DateTime? ExpiresAt)
{
    public static RefreshTokenLife Unstated => new(false, null);
    public static RefreshTokenLife Unlimited => new(true, null);
    public static RefreshTokenLife Until(DateTime at) => new(true, at);
}
