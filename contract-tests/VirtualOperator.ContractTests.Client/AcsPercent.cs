using System.Text;

namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// The percent-encoding both signatures use: RFC 3986 unreserved characters stay, everything else is
/// UTF-8 bytes as <c>%XX</c> with upper-case hex (so a space is <c>%20</c>, never <c>+</c>, and <c>*</c> is <c>%2A</c>).
/// </summary>
public static class AcsPercent
{
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary><c>k=v&amp;…</c> sorted by key (ordinal), both sides encoded: V1's canonicalized query and V3's canonical query.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
}
