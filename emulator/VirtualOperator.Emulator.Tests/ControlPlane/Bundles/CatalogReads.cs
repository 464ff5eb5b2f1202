using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Products;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Tests.Acceptance;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane.Bundles;

/// <summary>
/// Every implemented read action of the catalog (Describe*, Get*, Query*, List*), called by one partner with parameters
/// taken from the state: what the tour sent, required parameters filled from values earlier answers carried under the
/// same name, and one variant per other value of each id-like parameter (every customer, every order…). Generic, so
/// read actions other products add are compared too. <see cref="Plan"/> fixes the calls once; <see cref="RunAsync"/>
/// answers "call → answer" with the RequestId removed, to compare two states.
/// </summary>
public sealed partial class CatalogReads
{
    [System.Text.RegularExpressions.GeneratedRegex("requestId=[0-9A-Fa-f-]+")]
    private static partial System.Text.RegularExpressions.Regex RequestIdInLink();

    private static readonly string[] ReadPrefixes = ["Describe", "Get", "Query", "List"];
    private const int MaxVariantsPerAction = 12;

    public sealed record Call(TourCall Rpc, string Label);

    public IReadOnlyList<Call> Calls { get; }

    private CatalogReads(IReadOnlyList<Call> calls) => Calls = calls;

    // Named like reads but mint a fresh grant or URL on every call (Workorder's upload grant and download link): what they
    // answer depends on the call, not on the state a bundle carries.
    private static readonly HashSet<string> Minting = new(StringComparer.OrdinalIgnoreCase) { "getOSSTempAuthor", "getAttachTempURL" };

    public static bool IsRead(ActionDescriptor a) =>
        a.Style == "RPC" && a.Version is not null && !Minting.Contains(a.Action)
        && ReadPrefixes.Any(p => a.Action.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public static async Task<CatalogReads> Plan(SignedClient client, IReadOnlyDictionary<string, TourCall> tourCalls, IEnumerable<JsonObject> tourAnswers)
    {
        var catalog = ActionCatalog.Load(ActionCatalog.DefaultPath());
        var registry = new ActionRegistry([typeof(EmulatorOptions).Assembly], ProductRegistration.NonRpcActions);
        var reads = catalog.All.Where(a => IsRead(a) && registry.IsImplemented(a)).ToList();
        var pool = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in tourAnswers) Harvest(a, null, pool);

        // Actions needing no value the pool lacks go first, so their answers fill the pool for the others.
        var calls = new List<Call>();
        foreach (var a in reads.OrderBy(a => a.Parameters.Count(p => p.Required)))
        {
            var key = $"{a.Version}/{a.Action}";
            var basis = tourCalls.TryGetValue(key, out var t)
                ? t
                : new TourCall(a.Version!, a.Action, string.IsNullOrEmpty(a.Host) ? "business.aliyuncs.com" : a.Host, false, []);
            var parameters = new Dictionary<string, string>(basis.Parameters, StringComparer.Ordinal);
            foreach (var p in a.Parameters.Where(p => p.Required && !parameters.ContainsKey(p.Name) && p.Sub.Count == 0))
                if (pool.TryGetValue(p.Name, out var values)) parameters[p.Name] = values[0];
            var first = basis with { Parameters = parameters };
            calls.Add(new Call(first, Label(first)));
            Harvest((await first.SendAsync(client, parameters)).TryJson(), null, pool);

            // The same call for every other value of each parameter whose value the state holds under some name.
            var variants = 0;
            foreach (var (name, value) in parameters)
                foreach (var (_, values) in pool.Where(kv => kv.Value.Contains(value)).Take(1))
                    foreach (var other in values.Where(v => v != value))
                    {
                        if (++variants > MaxVariantsPerAction) break;
                        var call = basis with { Parameters = new Dictionary<string, string>(parameters) { [name] = other } };
                        calls.Add(new Call(call, Label(call)));
                    }
        }
        return new CatalogReads(calls);
    }

    /// <summary>Every planned call's answer (status and body without its RequestId), keyed by the call.</summary>
    public async Task<SortedDictionary<string, string>> RunAsync(SignedClient client)
    {
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Calls)
        {
            var r = await c.Rpc.SendAsync(client, c.Rpc.Parameters);
            var json = r.TryJson();
            json?.Remove("RequestId");
            // Each answer names its own request id (RequestId, and in an error's Recommend link): not state.
            var text = RequestIdInLink().Replace(json?.ToJsonString() ?? r.Text, "requestId=*");
            answers[c.Label] = $"{(int)r.Status} {text}";
        }
        return answers;
    }

    private static string Label(TourCall c) =>
        $"{c.Action}({string.Join(", ", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    /// <summary>Collects scalar values by field name; array items count under the array's name (UidList → every customer uid).</summary>
    private static void Harvest(JsonNode? node, string? name, Dictionary<string, List<string>> pool)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Harvest(v, k, pool);
                break;
            case JsonArray a:
                foreach (var v in a) Harvest(v, name, pool);
                break;
            case JsonValue v when name is not null && name != "RequestId":
                var s = v.ToString();
                if (s.Length is 0 or > 64) break;
                if (!pool.TryGetValue(name, out var list)) pool[name] = list = [];
                if (!list.Contains(s)) list.Add(s);
                break;
        }
    }
}
