using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// Receipt handles in the shape of the documented ones (<c>1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItMTA=</c>: "1-" and base64 of
/// dash-separated fields) [I: the real fields are not documented]. Ours carry the message id, the dequeue count and a
/// nonce, so every receive gives a new handle and a handle names the message it was issued for. Base64 may contain
/// '+', '/' and '=', as the real ones do: that is what makes the SDKs' raw versus escaped handles matter.
/// </summary>
public static class ReceiptHandles
{
    public static string New(string messageId, int dequeueCount) =>
        "1-" + Convert.ToBase64String(Encoding.ASCII.GetBytes(
            $"{messageId}-{dequeueCount}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}"));

    /// <summary>The message id a well-formed handle names; null for a malformed one (400 ReceiptHandleError).</summary>
    public static string? MessageIdOf(string handle)
    {
        if (!handle.StartsWith("1-", StringComparison.Ordinal) || handle.Length > 200) return null;
        Span<byte> bytes = stackalloc byte[160];
        if (!Convert.TryFromBase64String(handle[2..], bytes, out var n)) return null;
        var parts = Encoding.ASCII.GetString(bytes[..n]).Split('-');
        return parts.Length == 3 && parts[0].Length == 32 && parts[0].All(char.IsAsciiHexDigitUpper) ? parts[0] : null;
    }
}
