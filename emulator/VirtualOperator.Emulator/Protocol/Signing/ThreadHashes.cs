using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Hash and HMAC contexts reused per thread. A one-shot <c>HMACSHA256.HashData</c> creates and frees a native
/// (OpenSSL) context on every call, which was most of the CPU of a signature check; a context that is reset
/// after each use gives the same bytes. HMAC contexts are kept per key (a secret), a few per thread at most.
/// </summary>
internal static class ThreadHashes
{
    private const int MaxKeysPerThread = 64;

    [ThreadStatic] private static IncrementalHash? t_sha256;
    [ThreadStatic] private static IncrementalHash? t_md5;
    [ThreadStatic] private static Dictionary<(HashAlgorithmName, string), IncrementalHash>? t_hmacs;

    public static IncrementalHash Sha256() => t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>MD5 (message body digests, which MNS defines as MD5; not a security use).</summary>
    public static IncrementalHash Md5() => t_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    public static IncrementalHash Hmac(HashAlgorithmName algorithm, string key)
    {
        var hmacs = t_hmacs ??= new Dictionary<(HashAlgorithmName, string), IncrementalHash>();
        if (hmacs.TryGetValue((algorithm, key), out var hmac)) return hmac;
        if (hmacs.Count >= MaxKeysPerThread)
        {
            foreach (var h in hmacs.Values) h.Dispose();
            hmacs.Clear();
        }
        return hmacs[(algorithm, key)] = IncrementalHash.CreateHMAC(algorithm, Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Appends <paramref name="text"/>'s UTF-8 bytes, encoded into a buffer on the stack (rented when long) rather
    /// than a new array: a string to sign and a canonical request are hashed on every signed call.</summary>
    public static void AppendUtf8(this IncrementalHash hash, string text) => hash.AppendUtf8(text.AsSpan());

    /// <inheritdoc cref="AppendUtf8(IncrementalHash, string)"/>
    public static void AppendUtf8(this IncrementalHash hash, ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(text, buffer);
        hash.AppendData(buffer[..length]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>The digest so far as lower-case hex (V3 signatures and hashes), the context reset for its next use.</summary>
    public static string HexDigest(this IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[hash.HashLengthInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}
