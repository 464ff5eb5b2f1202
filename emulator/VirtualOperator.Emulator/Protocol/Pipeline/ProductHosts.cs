namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>
/// Maps a real product endpoint in the Host header (<c>business.aliyuncs.com</c>, <c>sts.cn-hangzhou.aliyuncs.com</c>,
/// <c>ecs-cn-hangzhou.aliyuncs.com</c>) to its product, so a call sent to one product's host for another's API is refused.
/// A loopback or other host says nothing: every product is served on the one port.
/// </summary>
public static class ProductHosts
{
    private static readonly (string Prefix, string Product)[] Prefixes =
    [
        ("business", "BssOpenApi"), ("sts", "Sts"), ("ecs", "Ecs"), ("rds", "Rds"),
        ("aas", "Aas"), ("crm", "Crm"), ("bsn", "Bsn"), ("workorder", "Workorder"),
    ];

    public static string? ProductOf(string host)
    {
        var h = host.Split(':')[0].ToLowerInvariant();
        if (!h.EndsWith(".aliyuncs.com", StringComparison.Ordinal)) return null;
        var label = h.Split('.')[0];
        foreach (var (prefix, product) in Prefixes)
            if (label == prefix || label.StartsWith(prefix + "-", StringComparison.Ordinal)) return product;
        return null;
    }
}
