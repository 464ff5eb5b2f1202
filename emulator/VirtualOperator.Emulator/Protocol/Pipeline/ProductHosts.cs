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

    // On spans (no string per call: most calls name a loopback host, which says nothing).
    public static string? ProductOf(string host)
    {
        var h = host.AsSpan();
        if (h.IndexOf(':') is var colon and >= 0) h = h[..colon];
        if (!h.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)) return null;
        var label = h[..h.IndexOf('.')];
        foreach (var (prefix, product) in Prefixes)
            if (label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (label.Length == prefix.Length || label[prefix.Length] == '-'))
                return product;
        return null;
    }
}
