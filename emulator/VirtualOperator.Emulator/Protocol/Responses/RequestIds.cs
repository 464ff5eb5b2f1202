using System.Security.Cryptography;

namespace VirtualOperator.Emulator.Protocol.Responses;

/// <summary>The RequestId every RPC answer and error envelope carries: a random GUID in upper case, as the cloud's
/// (<c>7B2A0C55-3D1E-4F7A-9C2B-5E8D1A6F4B3C</c>).</summary>
public static class RequestIds
{
    /// <summary>A new one, formatted once into its string (it is on the path of every call).</summary>
    public static string New() => string.Create(36, NewGuid(), static (chars, guid) =>
    {
        guid.TryFormat(chars, out _, "D");
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= 'a' and <= 'f') chars[i] = (char)(chars[i] - ('a' - 'A'));
    });

    /// <summary>The request id of the XML services the emulator answers besides RPC (the MNS queue, the attachment store's
    /// OSS-style errors): 24 upper-case hex digits.</summary>
    public static string NewHex24() => Convert.ToHexString(NewGuid().ToByteArray())[..24];

    /// <summary>
    /// A random (version 4) GUID from the process's cryptographic generator. Not <see cref="Guid.NewGuid"/>: on Linux
    /// this .NET build reads <c>/dev/urandom</c> for each one, a <c>read()</c> system call per request (counted with
    /// <c>strace -c</c>: 10,075 reads for 10,000 GUIDs, 83 for as many <see cref="RandomNumberGenerator"/> calls), which
    /// on a virtual machine costs more than the rest of the id (docs/performance.md, "Request ids"). The generator is
    /// asked for 4 KiB at a time per thread: each call into it costs a <c>getpid()</c> (OpenSSL's fork check) and its
    /// own bookkeeping, once per request otherwise.
    /// </summary>
    public static Guid NewGuid()
    {
        var pool = t_random ??= new byte[RandomPoolBytes];
        if (t_used is 0 or >= RandomPoolBytes)
        {
            RandomNumberGenerator.Fill(pool);
            t_used = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        pool.AsSpan(t_used, 16).CopyTo(bytes);
        t_used += 16;
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (the high nibble of the third group, little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private const int RandomPoolBytes = 4096;
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_used;
}
