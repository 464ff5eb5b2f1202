namespace VirtualOperator.Emulator.Protocol.Responses;

/// <summary>The RequestId every RPC answer and error envelope carries: a random GUID in upper case, as the cloud's
/// (<c>7B2A0C55-3D1E-4F7A-9C2B-5E8D1A6F4B3C</c>).</summary>
public static class RequestIds
{
    /// <summary>A new one, formatted once into its string (it is on the path of every call).</summary>
    public static string New() => string.Create(36, Guid.NewGuid(), static (chars, guid) =>
    {
        guid.TryFormat(chars, out _, "D");
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= 'a' and <= 'f') chars[i] = (char)(chars[i] - ('a' - 'A'));
    });
}
