namespace PosSync.Sandbox;

/// <summary>How the vendor's token endpoint expects the client to authenticate.</summary>
public enum ClientAuthenticationRule { BasicOnly, BodyOnly, BasicOrBody }
