using System.Security.Cryptography;
using System.Text;

namespace PosSync.Storage;

/// <summary>
/// Encrypts the credentials PosSync keeps (access and refresh tokens) with AES-GCM before they
/// reach the database, each bound to its row so a value copied to another row does not decrypt.
/// Values stored in clear by an older version still read, and are encrypted on their next write.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "v1:";
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("the secrets key must be 32 bytes (256 bits)", nameof(key));
        _key = key;
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public string Protect(string secret, string binding)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(binding));
        return Prefix + Convert.ToBase64String([.. nonce, .. cipher, .. tag]);
    }

    public string Unprotect(string stored, string binding)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[bytes.Length - nonceSize - tagSize];
        try
        {
            using var aes = new AesGcm(_key, tagSize);
            aes.Decrypt(
                bytes.AsSpan(0, nonceSize),
                bytes.AsSpan(nonceSize, plain.Length),
                bytes.AsSpan(nonceSize + plain.Length),
                plain,
                Encoding.UTF8.GetBytes(binding));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretsKeyMismatchException(
                $"the stored credentials of {binding} cannot be decrypted with this secrets key (Secrets:Key changed?); " +
                    "reconnect the tool or restore the key");
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A MAC of <paramref name="text"/> under a key of its own for each purpose (derived with HKDF),
    /// so a value signed for one use never verifies for another and the encryption key is never used twice.
    /// </summary>
    public byte[] Sign(string purpose, string text)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes("possync:" + purpose));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
    }
}
