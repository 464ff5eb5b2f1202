using System.Globalization;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Protocol.Parsing;

/// <summary>
/// The API parameters of one RPC call (common parameters removed), flattened as on the wire
/// (<c>ModuleList.1.Config</c>). Typed getters throw the gateway's MissingParameter / InvalidParameter,
/// so a handler never checks types by hand.
/// </summary>
public sealed class ActionParameters
{
    private readonly Dictionary<string, string> _values;
    private readonly StringComparison _names;

    /// <param name="ignoreCase">Names matched case-insensitively (Bsn, Workorder: see ActionCatalog.IgnoresNameCase).</param>
    public ActionParameters(IEnumerable<KeyValuePair<string, string>> pairs, bool ignoreCase = false)
    {
        _values = new Dictionary<string, string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _names = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (k, v) in pairs) _values[k] = v; // a repeated name: the last value wins, as a form decoder does
    }

    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>Whether any parameter is a member of <paramref name="name"/> (<c>Name.x</c>), as names are matched here.</summary>
    public bool HasMembers(string name) => _values.Keys.Any(k => k.StartsWith(name + ".", _names));

    public bool Has(string name) => _values.TryGetValue(name, out var v) && v.Length > 0;

    public string? String(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string RequiredString(string name) => String(name) ?? throw CommonErrors.MissingParameter(name);

    public long? Long(string name)
    {
        var s = String(name);
        if (s is null) return null;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw CommonErrors.InvalidParameter(name);
    }

    public long RequiredLong(string name) => Long(name) ?? throw CommonErrors.MissingParameter(name);

    public int? Int(string name)
    {
        var v = Long(name);
        if (v is null) return null;
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw CommonErrors.InvalidParameter(name);
    }

    public bool? Bool(string name)
    {
        var s = String(name);
        if (s is null) return null;
        return bool.TryParse(s, out var v) ? v : throw CommonErrors.InvalidParameter(name);
    }

    /// <summary>Money and other exact amounts: never parsed through a double.</summary>
    public decimal? Decimal(string name)
    {
        var s = String(name);
        if (s is null) return null;
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            ? v : throw CommonErrors.InvalidParameter(name);
    }

    /// <summary><c>Name.1.Field=..&amp;Name.2.Field=..</c> as a list of field maps, in index order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> StructList(string name)
    {
        var prefix = name + ".";
        var items = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (k, v) in _values)
        {
            // pop-core capitalizes only the top-level name (Tag.1.key): with ignoreCase the prefix and the members match either way.
            if (!k.StartsWith(prefix, _names)) continue;
            var rest = k.AsSpan(prefix.Length);
            var dot = rest.IndexOf('.');
            var indexText = dot < 0 ? rest : rest[..dot];
            if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1)
                throw CommonErrors.InvalidParameter(k);
            if (!items.TryGetValue(index, out var item)) items[index] = item = new(_values.Comparer);
            item[dot < 0 ? "" : rest[(dot + 1)..].ToString()] = v;
        }
        return items.Values.ToList();
    }

    /// <summary><c>Name.1=a&amp;Name.2=b</c> as a list of strings, in index order.</summary>
    public IReadOnlyList<string> StringList(string name) =>
        StructList(name).Select(i => i.TryGetValue("", out var v) ? v : "").ToList();
}
