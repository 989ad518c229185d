using System.Security.Cryptography;
using System.Text;

namespace CompetitivePosts.Domain;

/// <summary>
/// Tokens that act as credentials in a link (ballots, personal registration links, projector
/// links): random, URL-safe, and kept in the database only as their SHA-256, so that nobody who
/// reads the database can hand out a working link.
/// </summary>
public static class SecretToken
{
    /// <summary><paramref name="bytes"/> random bytes (16 = 128 bits), base64url without padding.</summary>
    public static string New(int bytes = 16) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 of the token's UTF-8 bytes, as 64 lower-case hex digits.</summary>
    public static string Hash(string? token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));
}
