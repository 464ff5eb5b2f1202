using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Protocol.Parsing;

/// <summary>
/// Splits a raw query string or form body into decoded pairs, keeping order and repeated names.
/// The signature is computed over decoded values re-encoded canonically, never over the wire text
/// (openapi-core leaves <c>* ( ) ! '</c> unencoded on the wire).
/// </summary>
public static class QueryParser
{
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<char> raw)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (raw.Length > 0 && raw[0] == '?') raw = raw[1..];
        while (raw.Length > 0)
        {
            var amp = raw.IndexOf('&');
            var part = amp < 0 ? raw : raw[..amp];
            raw = amp < 0 ? [] : raw[(amp + 1)..];
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var name = AcsPercentEncoding.Decode((eq < 0 ? part : part[..eq]).ToString());
            var value = eq < 0 ? "" : AcsPercentEncoding.Decode(part[(eq + 1)..].ToString());
            if (name.Length > 0) result.Add(new(name, value));
        }
        return result;
    }
}
