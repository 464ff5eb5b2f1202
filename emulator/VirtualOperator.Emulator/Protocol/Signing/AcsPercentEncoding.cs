using System.Text;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// The one percent-encoding both signature schemes canonicalize with: UTF-8 bytes, only
/// <c>A-Z a-z 0-9 - _ . ~</c> left as they are, everything else <c>%XX</c> in upper-case hex
/// (so a space is <c>%20</c>, <c>*</c> is <c>%2A</c>). See shared/reference/SIGNATURES.md.
/// </summary>
public static class AcsPercentEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        if (IsUnreservedOnly(value)) return value;
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b)) sb.Append((char)b);
            else sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        }
        return sb.ToString();
    }

    /// <summary>Decodes a query or form component: <c>+</c> is a space, invalid escapes stay as they are.</summary>
    public static string Decode(string component)
    {
        if (component.IndexOf('%') < 0 && component.IndexOf('+') < 0) return component;
        return Uri.UnescapeDataString(component.Replace('+', ' '));
    }

    private static bool IsUnreservedOnly(string value)
    {
        foreach (var c in value)
            if (c > 0x7F || !IsUnreserved((byte)c)) return false;
        return true;
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
          or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
