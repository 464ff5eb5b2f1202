using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>The standard normalizers, applied to every snapshot in this order.</summary>
public static partial class Normalizers
{
    public static readonly IReadOnlyList<ISnapshotNormalizer> Default =
        [new RequestIdNormalizer(), new AccountUidNormalizer(), new IdNormalizer(), new TimeNormalizer()];

    /// <summary><c>RequestId</c> properties, and the <c>requestId=</c> inside <c>Recommend</c> links.</summary>
    public sealed partial class RequestIdNormalizer : ISnapshotNormalizer
    {
        public string Name => "RequestId";

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
        {
            if (string.Equals(name, "RequestId", StringComparison.OrdinalIgnoreCase) && JsonWalk.Text(v) is not null)
                return JsonWalk.Placeholder(v, "<request-id>");
            if (JsonWalk.Text(v) is { } s && RequestIdInUrl().IsMatch(s))
                return JsonValue.Create(RequestIdInUrl().Replace(s, "requestId=<request-id>"));
            return v;
        });

        [GeneratedRegex("requestId=[0-9A-Fa-f-]+")]
        private static partial Regex RequestIdInUrl();
    }

    /// <summary>
    /// Account uids: the partner's own uid anywhere becomes <c>&lt;partner-uid&gt;</c>; the values of uid
    /// properties (<c>Pk</c>, <c>Mpk</c>, <c>Uid</c>, <c>UidList</c>, <c>OwnerId</c>, <c>*Uid</c>…) become <c>&lt;uid:n&gt;</c>.
    /// </summary>
    public sealed class AccountUidNormalizer : ISnapshotNormalizer
    {
        private static readonly HashSet<string> UidNames = new(StringComparer.OrdinalIgnoreCase) { "Pk", "Mpk", "Uid", "UidList", "OwnerId", "AliUid", "UserId", "AccountId" };

        public string Name => "AccountUids";

        public static bool IsUidName(string? name) =>
            name is not null && (UidNames.Contains(name) || name.EndsWith("Uid", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Uids", StringComparison.OrdinalIgnoreCase));

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
        {
            if (JsonWalk.Text(v) is not { } s) return v;
            if (context.PartnerUid is { } partner && s == partner) return JsonWalk.Placeholder(v, "<partner-uid>");
            if (context.PartnerUid is { } p && s.Contains(p, StringComparison.Ordinal)) return JsonValue.Create(s.Replace(p, "<partner-uid>", StringComparison.Ordinal));
            return IsUidName(name) && s.Length > 0 ? JsonWalk.Placeholder(v, context.Placeholder("uid", s)) : v;
        });
    }

    /// <summary>
    /// Generated ids: values of properties named <c>*Id</c> / <c>*Ids</c> (orders, instances, tickets…) become
    /// <c>&lt;id:n&gt;</c>. Fixed vocabulary ids (<c>RegionId</c>, <c>ZoneId</c>, <c>HostId</c>…) are kept.
    /// </summary>
    public sealed class IdNormalizer : ISnapshotNormalizer
    {
        private static readonly HashSet<string> Stable = new(StringComparer.OrdinalIgnoreCase)
            { "RegionId", "ZoneId", "HostId", "RequestId", "ProductId", "CommodityId", "ResourceGroupId", "VpcId", "VSwitchId", "ImageId", "SecurityGroupId", "AccessKeyId" };

        public string Name => "Ids";

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
            name is not null && !Stable.Contains(name) && !AccountUidNormalizer.IsUidName(name)
            && (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal))
            && JsonWalk.Text(v) is { Length: > 0 } s && !s.StartsWith('<')
                ? JsonWalk.Placeholder(v, context.Placeholder("id", s))
                : v);
    }

    /// <summary>
    /// Times: ISO-8601 and <c>yyyy-MM-dd HH:mm:ss</c> strings anywhere, and epoch-millisecond numbers in
    /// properties named <c>*Time</c> / <c>*Date</c>, become <c>&lt;time&gt;</c> (dates alone stay: they are usually inputs).
    /// </summary>
    public sealed partial class TimeNormalizer : ISnapshotNormalizer
    {
        public string Name => "Times";

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
        {
            if (v.GetValueKind() == System.Text.Json.JsonValueKind.String && DateTime().IsMatch(v.GetValue<string>()))
                return JsonValue.Create("<time>");
            if (v.GetValueKind() == System.Text.Json.JsonValueKind.Number && name is not null
                && (name.EndsWith("Time", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Date", StringComparison.OrdinalIgnoreCase))
                && long.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 946_684_800_000)
                return JsonWalk.Placeholder(v, "<time>");
            return v;
        });

        [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")]
        private static partial Regex DateTime();
    }
}
