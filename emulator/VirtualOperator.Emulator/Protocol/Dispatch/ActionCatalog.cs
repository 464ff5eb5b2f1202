using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// Every in-scope action, implemented or not, loaded from <c>fixtures/api/catalog.json</c> (a copy of
/// shared/reference/catalog.json). It is what makes "unknown action" and "known but not implemented"
/// two different answers, and it drives parameter validation before any handler runs.
/// </summary>
public sealed class ActionCatalog
{
    private readonly Dictionary<(string Version, string Action), ActionDescriptor> _rpc = new();
    private readonly Dictionary<string, ProductInfo> _products = new(StringComparer.Ordinal);

    public IReadOnlyList<ActionDescriptor> All { get; }
    public IReadOnlyCollection<ProductInfo> Products => _products.Values;

    public ActionCatalog(IEnumerable<ActionDescriptor> actions, IEnumerable<ProductInfo> products)
    {
        All = actions.ToList();
        foreach (var p in products) _products[p.Name] = p;
        foreach (var a in All.Where(a => a.Style == "RPC" && a.Version is not null))
            _rpc[(a.RoutedVersion!, a.Action)] = a;
    }

    public ActionDescriptor? FindRpc(string version, string action)
    {
        if (_rpc.TryGetValue((version, action), out var exact)) return exact;
        // Bsn and Workorder spell actions in lower case (add, getOSSTempAuthor) while their own pop-core client
        // capitalizes the first letter by default (Action=Add): for them the gateway must match either way.
        var folded = _rpc.Values.FirstOrDefault(a => a.Version == version && IgnoresNameCase(a.Product)
            && string.Equals(a.Action, action, StringComparison.OrdinalIgnoreCase));
        return folded;
    }

    /// <summary>Products whose action and parameter names are matched case-insensitively (see <see cref="FindRpc"/>).</summary>
    public static bool IgnoresNameCase(string product) => product is "Bsn" or "Workorder";

    public bool IsKnownVersion(string version) => _rpc.Keys.Any(k => k.Version == version);

    public ProductInfo? Product(string name) => _products.GetValueOrDefault(name);

    /// <summary>Read with <see cref="JsonDocument"/> (no node tree for the 213 KB file): it is on the start-up path,
    /// since the emulator only reports healthy once the catalog is loaded.</summary>
    public static ActionCatalog Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var products = new List<ProductInfo>();
        if (Child(root, "about") is { } about && Child(about, "products") is { ValueKind: JsonValueKind.Object } ps)
            foreach (var p in ps.EnumerateObject())
                products.Add(new ProductInfo(p.Name, Str(p.Value, "version"), Str(p.Value, "defaultHost") ?? ""));

        var actions = new List<ActionDescriptor>();
        foreach (var a in root.GetProperty("actions").EnumerateArray())
        {
            var status = Child(a, "status");
            actions.Add(new ActionDescriptor(
                Product: Str(a, "product") ?? throw new InvalidDataException($"{path}: an action without a product"),
                Version: Str(a, "version"),
                Action: Str(a, "action") ?? throw new InvalidDataException($"{path}: an action without a name"),
                Group: Str(a, "group") ?? "",
                Host: Str(a, "host") ?? "",
                Style: Str(a, "style") ?? "RPC",
                Parameters: ReadParams(Child(a, "request")),
                ParamsStatus: (status is { } s1 ? Str(s1, "params") : null) ?? "unknown",
                ResponseStatus: (status is { } s2 ? Str(s2, "response") : null) ?? "unknown",
                ResponseJson: Child(a, "response")?.GetRawText()));
        }
        return new ActionCatalog(actions, products);
    }

    private static JsonElement? Child(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Str(JsonElement e, string name) => Child(e, name)?.GetString();

    private static IReadOnlyList<ParameterSpec> ReadParams(JsonElement? request) =>
        request is not { ValueKind: JsonValueKind.Array } r ? [] : r.EnumerateArray().Select(p => new ParameterSpec(
            Str(p, "name") ?? throw new InvalidDataException("a request parameter without a name"),
            Str(p, "type") ?? "String",
            Child(p, "required")?.GetBoolean() ?? false,
            ReadParams(Child(p, "sub")))).ToList();

    public static string DefaultPath() => Path.Combine(AppContext.BaseDirectory, "fixtures", "api", "catalog.json");

    internal static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true };
}

public sealed record ProductInfo(string Name, string? Version, string DefaultHost);

public sealed record ParameterSpec(string Name, string Type, bool Required, IReadOnlyList<ParameterSpec> Sub);

public sealed record ActionDescriptor(
    string Product, string? Version, string Action, string Group, string Host, string Style,
    IReadOnlyList<ParameterSpec> Parameters, string ParamsStatus, string ResponseStatus, string? ResponseJson)
{
    private JsonNode? _response;

    /// <summary>The response shape, parsed when first asked for (only the shape tests read it).</summary>
    public JsonNode? Response => ResponseJson is null ? null : _response ??= JsonNode.Parse(ResponseJson);

    public string Key => $"{Product}/{Version}/{Action}";

    /// <summary>
    /// The version a client sends for this action: the catalog marks an unconfirmed version with a trailing "?"
    /// (Bsn GetBsnSySn, "2015-05-12?"), which no client ever sends.
    /// </summary>
    public string? RoutedVersion => Version?.TrimEnd('?');
}
