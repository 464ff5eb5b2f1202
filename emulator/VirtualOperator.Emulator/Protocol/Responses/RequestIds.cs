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
    /// on a virtual machine costs more than the rest of the id (docs/performance.md, "Request ids").
    /// </summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (the high nibble of the third group, little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
