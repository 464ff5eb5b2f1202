using System.Reflection;

namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>Handlers found once at start-up from <see cref="ActionAttribute"/>, keyed like the catalog.</summary>
public sealed class ActionRegistry
{
    private readonly Dictionary<(string Version, string Action), (ActionAttribute Attr, ActionHandler Handler)> _handlers = new();

    private readonly HashSet<string> _nonRpc;

    /// <summary>The emulator's own handlers: the classes <see cref="HandlerTypes.All"/> lists (found without loading every
    /// type of the assembly, which start-up paid for).</summary>
    public static ActionRegistry ForEmulator(IEnumerable<string>? nonRpcImplemented = null) => new(HandlerTypes.All, nonRpcImplemented);

    /// <param name="assemblies">Every type of these assemblies is scanned (tests' own handlers).</param>
    /// <param name="nonRpcImplemented">"Product/Action" of actions served by their own routes (federation sign-in), not by a handler.</param>
    public ActionRegistry(IEnumerable<Assembly> assemblies, IEnumerable<string>? nonRpcImplemented = null)
        : this(assemblies.SelectMany(a => a.GetTypes()).Where(MayHoldHandlers), nonRpcImplemented)
    {
    }

    /// <param name="types">The classes whose static methods may carry <see cref="ActionAttribute"/>.</param>
    /// <param name="nonRpcImplemented">"Product/Action" of actions served by their own routes (federation sign-in), not by a handler.</param>
    public ActionRegistry(IEnumerable<Type> types, IEnumerable<string>? nonRpcImplemented = null)
    {
        _nonRpc = new HashSet<string>(nonRpcImplemented ?? [], StringComparer.Ordinal);
        foreach (var method in types.SelectMany(HandlerMethods))
        {
            foreach (var attr in method.GetCustomAttributes<ActionAttribute>())
            {
                var handler = (ActionHandler)Delegate.CreateDelegate(typeof(ActionHandler), method);
                if (!_handlers.TryAdd((attr.Version, attr.Action), (attr, handler)))
                    throw new InvalidOperationException($"Two handlers for {attr.Product} {attr.Version} {attr.Action}.");
            }
        }
    }

    /// <summary>The classes of <paramref name="assembly"/> that declare a handler (what <see cref="HandlerTypes"/> lists).</summary>
    public static IReadOnlyList<Type> DeclaringHandlers(Assembly assembly) =>
        assembly.GetTypes().Where(MayHoldHandlers).Where(t => HandlerMethods(t).Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    /// <summary>The type's own static methods that carry <see cref="ActionAttribute"/> (IsDefined first: it builds no
    /// attribute instances for the methods that have none).</summary>
    private static IEnumerable<MethodInfo> HandlerMethods(Type t) =>
        t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.IsDefined(typeof(ActionAttribute), false));

    /// <summary>The generated wire types (<c>VirtualOperator.Emulator.Api</c>, hundreds of classes of properties) hold no
    /// handler: listing their methods was a third of the scan.</summary>
    private static bool MayHoldHandlers(Type t) => t.Namespace is not { } ns || !(ns == GeneratedNamespace || ns.StartsWith(GeneratedNamespace + ".", StringComparison.Ordinal));

    private const string GeneratedNamespace = "VirtualOperator.Emulator.Api";

    public ActionHandler? Find(string version, string action) =>
        _handlers.TryGetValue((version, action), out var h) ? h.Handler : null;

    public IEnumerable<ActionAttribute> Implemented => _handlers.Values.Select(h => h.Attr);

    public ActionAttribute? Attribute(string? version, string action) =>
        version is not null && _handlers.TryGetValue((version, action), out var h) ? h.Attr : null;

    /// <summary>Implemented by a handler, or by a product's own route for a non-RPC action.</summary>
    public bool IsImplemented(ActionDescriptor a) =>
        IsImplemented(a.RoutedVersion, a.Action) || _nonRpc.Contains(a.Product + "/" + a.Action);

    public bool IsImplemented(string? version, string action) =>
        version is not null && _handlers.ContainsKey((version, action));
}
