namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// Where a product's calls go: <see cref="BaseAddress"/> is the socket the request is sent to, <see cref="Host"/>
/// the product host the request names (and signs). Against the real cloud both are the product endpoint;
/// against the emulator or a replay server the base is local and the host stays the product's.
/// </summary>
public sealed record AcsEndpoint(Uri BaseAddress, string Host);

/// <summary>The endpoint of each product.</summary>
public interface IAcsEndpoints
{
    AcsEndpoint For(string product);
}

/// <summary>Every product served by one base address (an emulator, a replay server) under its public host name.</summary>
public sealed class SingleAddressEndpoints(Uri baseAddress) : IAcsEndpoints
{
    public AcsEndpoint For(string product) => new(baseAddress, ProductHosts.PublicHost(product));
}

/// <summary>The public endpoint host of each product the emulator serves (region-independent ones).</summary>
public static class ProductHosts
{
    private static readonly Dictionary<string, string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BssOpenApi"] = "business.aliyuncs.com",
        ["Sts"] = "sts.aliyuncs.com",
        ["Ecs"] = "ecs.aliyuncs.com",
        ["Rds"] = "rds.aliyuncs.com",
        ["Aas"] = "aas.aliyuncs.com",
        ["Crm"] = "crm.aliyuncs.com",
        ["Bsn"] = "bsn.aliyuncs.com",
        ["Workorder"] = "workorder.aliyuncs.com",
    };

    public static IEnumerable<string> Products => Hosts.Keys;

    public static string PublicHost(string product) =>
        Hosts.TryGetValue(product, out var h) ? h : throw new ArgumentException($"No endpoint host known for product \"{product}\"; add it to {nameof(ProductHosts)}.", nameof(product));
}
