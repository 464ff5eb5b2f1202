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
            _rpc[(a.Version!, a.Action)] = a;
    }

    public ActionDescriptor? FindRpc(string version, string action) =>
        _rpc.GetValueOrDefault((version, action));

    public bool IsKnownVersion(string version) => _rpc.Keys.Any(k => k.Version == version);

    public ProductInfo? Product(string name) => _products.GetValueOrDefault(name);

    public static ActionCatalog Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
        var products = new List<ProductInfo>();
        if (root["about"]?["products"] is JsonObject ps)
            foreach (var (name, p) in ps)
                products.Add(new ProductInfo(name, p?["version"]?.GetValue<string>(), p?["defaultHost"]?.GetValue<string>() ?? ""));

        var actions = new List<ActionDescriptor>();
        foreach (var node in root["actions"]!.AsArray())
        {
            var a = node!.AsObject();
            var status = a["status"];
            actions.Add(new ActionDescriptor(
                Product: a["product"]!.GetValue<string>(),
                Version: a["version"]?.GetValue<string>(),
                Action: a["action"]!.GetValue<string>(),
                Group: a["group"]?.GetValue<string>() ?? "",
                Host: a["host"]?.GetValue<string>() ?? "",
                Style: a["style"]?.GetValue<string>() ?? "RPC",
                Parameters: ReadParams(a["request"] as JsonArray),
                ParamsStatus: status?["params"]?.GetValue<string>() ?? "unknown",
                ResponseStatus: status?["response"]?.GetValue<string>() ?? "unknown",
                Response: a["response"]?.DeepClone()));
        }
        return new ActionCatalog(actions, products);
    }

    private static IReadOnlyList<ParameterSpec> ReadParams(JsonArray? request) =>
        request is null ? [] : request.Select(p => new ParameterSpec(
            p!["name"]!.GetValue<string>(),
            p["type"]?.GetValue<string>() ?? "String",
            p["required"]?.GetValue<bool>() ?? false,
            ReadParams(p["sub"] as JsonArray))).ToList();

    public static string DefaultPath() => Path.Combine(AppContext.BaseDirectory, "fixtures", "api", "catalog.json");

    internal static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true };
}

public sealed record ProductInfo(string Name, string? Version, string DefaultHost);

public sealed record ParameterSpec(string Name, string Type, bool Required, IReadOnlyList<ParameterSpec> Sub);

public sealed record ActionDescriptor(
    string Product, string? Version, string Action, string Group, string Host, string Style,
    IReadOnlyList<ParameterSpec> Parameters, string ParamsStatus, string ResponseStatus, JsonNode? Response)
{
    public string Key => $"{Product}/{Version}/{Action}";
}
