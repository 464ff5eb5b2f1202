using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Products.BssOpenApi;
using System.Globalization;
using System.Text;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Creating, listing and releasing ECS instances: RunInstances, DescribeInstances, DescribeInstanceStatus, DeleteInstance.
/// Every purchase is an order placed through the shared <see cref="OrderDesk"/> (see <see cref="EcsWire.Place"/>).
/// </summary>
internal static class EcsInstanceActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;

    /// <summary>
    /// Creates Amount (1–100) instances in one order. PrePaid charges Period × PeriodUnit now; PostPaid costs nothing up
    /// front, needs credit for the first hour of every instance [I], and is metered hourly. InternetMaxBandwidthOut &gt; 0
    /// allocates a public IP. A zone/type sold out answers OperationDenied.NoStock.
    /// </summary>
    [Action(P, V, "RunInstances")]
    public static object RunInstances(ActionContext ctx)
    {
        var req = RunInstancesRequest.Of(ctx);
        var request = EcsLaunch.Parse(ctx, req);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var inventory = ctx.Get<EcsInventory>();
        var pricing = ctx.Get<EcsPricing>();
        if (!ctx.Get<EcsStock>().InStock(ctx.PartnerUid, request.Zone.ZoneId, request.Type.InstanceTypeId)) throw EcsErrors.NoStock();
        var config = new EcsPricing.Config(request.Type, request.InternetChargeType, request.BandwidthOut, request.SystemDiskSize);
        var prepaid = request.ChargeType == EcsChargeTypes.PrePaid;
        var quote = prepaid ? pricing.Subscription(config, request.Period, request.PeriodUnit).Times(request.Amount) : new EcsPricing.Quote(pricing.Currency, 0, 0, []);
        var hourly = prepaid ? (decimal?)null : pricing.Hourly(config);
        if (req.DryRun ?? false)
        {
            if (ctx.Get<CreditLedger>().Get(customer, pricing.Currency)?.Available is not { } a || a < (prepaid ? quote.TradePrice : hourly!.Value * request.Amount))
                throw EcsErrors.NotEnoughBalance();
            throw EcsErrors.DryRunOperation();
        }

        var store = ctx.Get<EcsStore>();
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;
        var order = EcsWire.Place(ctx, customer, () =>
        {
            if (!prepaid && (ctx.Get<CreditLedger>().Get(customer, pricing.Currency)?.Available ?? 0m) < hourly!.Value * request.Amount)
                throw EcsErrors.NotEnoughBalance();
            var instances = Enumerable.Range(1, request.Amount).Select(n => request.NewInstance(ctx, store, customer, n, now)).ToList();
            var o = EcsWire.NewOrder(ctx, instances[0], prepaid ? SubscriptionTypes.Subscription : SubscriptionTypes.PayAsYouGo, OrderTypes.New, quote, request.Amount);
            o.UsageStartTime = now;
            o.UsageEndTime = prepaid ? request.EndOfTerm(now) : null;
            return new OrderPlan(o, paid =>
            {
                foreach (var i in instances)
                {
                    i.CreatingOrderId = paid.Id;
                    fleet.Create(i, request.Subscription(i, pricing.Currency, now), hourly, now);
                }
            });
        });
        var ids = store.InstancesOf(ctx.PartnerUid, customer).Where(i => i.CreatingOrderId == order.Id).Select(i => i.Id).ToList();
        return new RunInstancesResponse
        {
            InstanceIdSets = new() { InstanceIdSet = ids }, OrderId = order.Id, RequestId = ctx.RequestId, TradePrice = EcsWire.Number(order.Amount),
        };
    }

    /// <summary>
    /// The caller's instances in RegionId, filtered as the reference describes, with PageNumber/PageSize (TotalCount) or
    /// NextToken/MaxResults paging. A partner's own keys without OwnerId see none [I].
    /// </summary>
    [Action(P, V, "DescribeInstances")]
    public static object DescribeInstances(ActionContext ctx)
    {
        var req = DescribeInstancesRequest.Of(ctx);
        var region = EcsWire.Region(ctx, req.RegionId);
        var rows = Visible(ctx, region.RegionId).ToList();
        // InstanceIds, PublicIpAddresses, PrivateIpAddresses are JSON arrays in one string. Tag is the repeat list Tag.N.Key/Value
        // (the catalog lists it as one string): read from ctx.Params.
        var ids = EcsWire.IdList(req.InstanceIds, "InstanceIds");
        var publicIps = EcsWire.IdList(req.PublicIpAddresses, "PublicIpAddresses");
        var privateIps = EcsWire.IdList(req.PrivateIpAddresses, "PrivateIpAddresses");
        var tags = ctx.Params.StructList("Tag").Select(t => (t.GetValueOrDefault("Key") ?? t.GetValueOrDefault("key"), t.GetValueOrDefault("Value") ?? t.GetValueOrDefault("value"))).ToList();
        var filtered = rows
            .Where(r => ids.Count == 0 || ids.Contains(r.I.Id))
            .Where(r => req.ZoneId is not { } z || r.I.ZoneId == z)
            .Where(r => req.Status is not { } s || r.State.Status == s)
            .Where(r => req.InstanceChargeType is not { } c || r.I.InstanceChargeType == c)
            .Where(r => req.InternetChargeType is not { } c || r.I.InternetChargeType == c)
            .Where(r => req.InstanceType is not { } t || r.I.InstanceType == t)
            .Where(r => req.InstanceTypeFamily is not { } f || r.I.InstanceType.StartsWith(f + ".", StringComparison.Ordinal))
            .Where(r => req.InstanceName is not { } n || NameMatches(r.I.InstanceName, n))
            .Where(r => req.ImageId is not { } im || r.I.ImageId == im)
            .Where(r => req.VpcId is not { } vpc || r.I.VpcId == vpc)
            .Where(r => req.VSwitchId is not { } vsw || r.I.VSwitchId == vsw)
            .Where(r => req.SecurityGroupId is not { } sg || r.I.SecurityGroupIds.Contains(sg))
            .Where(r => req.KeyPairName is not { } kp || r.I.KeyPairName == kp)
            .Where(r => req.LockReason is not { } lr || r.State.Locks.Contains(lr))
            .Where(r => publicIps.Count == 0 || (r.I.PublicIpAddress is { } ip && publicIps.Contains(ip)))
            .Where(r => privateIps.Count == 0 || privateIps.Contains(r.I.PrivateIpAddress))
            .Where(r => tags.All(t => r.I.Tags.Any(x => x.Key == t.Item1 && (t.Item2 is null || x.Value == t.Item2))))
            .ToList();
        var inventory = ctx.Get<EcsInventory>();
        var (page, next, number, size) = EcsPaging.Page(ctx, filtered, defaultSize: 10, maxSize: 100);
        return new DescribeInstancesResponse
        {
            Instances = new() { Instance = page.Select(r => EcsViews.Row(r.I, r.S, r.State, inventory)).ToList() },
            NextToken = next ?? "", PageNumber = number, PageSize = size, RequestId = ctx.RequestId, TotalCount = filtered.Count,
        };
    }

    /// <summary>Status of each of the caller's instances in RegionId (optionally ZoneId, InstanceId.N), paged by PageNumber/PageSize (max 50).</summary>
    [Action(P, V, "DescribeInstanceStatus")]
    public static object DescribeInstanceStatus(ActionContext ctx)
    {
        var req = DescribeInstanceStatusRequest.Of(ctx);
        var region = EcsWire.Region(ctx, req.RegionId);
        // InstanceId is the repeat list InstanceId.N (the catalog lists one string): read from ctx.Params.
        var ids = ctx.Params.StringList("InstanceId");
        var zone = req.ZoneId;
        var rows = Visible(ctx, region.RegionId).Where(r => (zone is null || r.I.ZoneId == zone) && (ids.Count == 0 || ids.Contains(r.I.Id))).ToList();
        var (page, _, number, size) = EcsPaging.Page(ctx, rows, defaultSize: 10, maxSize: 50, tokens: false);
        return new DescribeInstanceStatusResponse
        {
            InstanceStatuses = new() { InstanceStatus = page.Select(r => EcsViews.StatusRow(r.I, r.State)).ToList() },
            PageNumber = number, PageSize = size, RequestId = ctx.RequestId, TotalCount = rows.Count,
        };
    }

    /// <summary>
    /// Releases an instance. A PrePaid instance in service: 403 ChargeTypeViolation (an expired one needs TerminateSubscription=true);
    /// Running without Force: 403 IncorrectInstanceStatus; a transition under way: 403 IncorrectInstanceStatus [I];
    /// DeletionProtection: 400 InvalidOperation.DeletionProtection. Nothing is refunded.
    /// </summary>
    [Action(P, V, "DeleteInstance")]
    public static object DeleteInstance(ActionContext ctx)
    {
        var req = DeleteInstanceRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = req.InstanceId;
        var force = req.Force ?? false;
        var terminate = req.TerminateSubscription ?? false;
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;
        ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            var state = fleet.State(i, now);
            var subscription = fleet.Subscription(i.Id)!;
            if (i.DeletionProtection) throw EcsErrors.DeletionProtection();
            if (i.InstanceChargeType == EcsChargeTypes.PrePaid && !(subscription.Status == InstanceStatuses.Expired && terminate))
                throw EcsErrors.ChargeTypeViolation();
            if (state.Status is EcsStatuses.Pending or EcsStatuses.Starting or EcsStatuses.Stopping) throw EcsErrors.IncorrectInstanceStatus();
            if (state.Status == EcsStatuses.Running && !force) throw EcsErrors.IncorrectInstanceStatus();
            if (req.DryRun ?? false) throw EcsErrors.DryRunOperation();
            fleet.Release(i.Id, now);
            return 0;
        });
        return new DeleteInstanceResponse { RequestId = ctx.RequestId };
    }

    /// <summary>The caller's live (not released) instances in a region with their current state, oldest first.</summary>
    internal static IEnumerable<(EcsInstance I, SalesInstance S, EcsStatusView State)> Visible(ActionContext ctx, string regionId)
    {
        var customer = ctx.Get<CustomerScope>().Visible(ctx);
        if (customer is null) yield break;
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;
        foreach (var i in ctx.Get<EcsStore>().InstancesOf(ctx.PartnerUid, customer))
        {
            if (i.RegionId != regionId) continue;
            var s = fleet.Subscription(i.Id);
            if (s is null || s.IsReleased) continue;
            yield return (i, s, fleet.State(i, now));
        }
    }

    /// <summary>InstanceName filter: exact, or with <c>*</c> as a wildcard (as the reference allows).</summary>
    private static bool NameMatches(string name, string pattern)
    {
        if (!pattern.Contains('*')) return name == pattern;
        var regex = "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(name, regex);
    }
}

/// <summary>
/// ECS paging: PageNumber/PageSize, or NextToken/MaxResults (the token is the offset, base64 [I]). Shared by three actions whose
/// generated requests type these parameters differently (DescribeInstanceStatus's catalog entry says Number), so it reads them
/// from ctx.Params by name with the same integer checks for all three.
/// </summary>
internal static class EcsPaging
{
    public static (IReadOnlyList<T> Page, string? Next, int Number, int Size) Page<T>(ActionContext ctx, IReadOnlyList<T> rows, int defaultSize, int maxSize, bool tokens = true)
    {
        if (tokens && (ctx.Params.Has("NextToken") || ctx.Params.Has("MaxResults")))
        {
            var max = ctx.Params.Int("MaxResults") ?? defaultSize;
            if (max < 1 || max > maxSize) throw CommonErrors.InvalidParameter("MaxResults", $"It must be from 1 to {maxSize}.");
            var offset = 0;
            if (ctx.Params.String("NextToken") is { } token)
            {
                try { offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture); }
                catch (FormatException) { throw CommonErrors.InvalidParameter("NextToken", "It is not a token this call returned."); }
                if (offset < 0 || offset > rows.Count) throw CommonErrors.InvalidParameter("NextToken", "It is not a token this call returned.");
            }
            var slice = rows.Skip(offset).Take(max).ToList();
            var nextOffset = offset + slice.Count;
            var next = nextOffset < rows.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(nextOffset.ToString(CultureInfo.InvariantCulture))) : null;
            return (slice, next, 1, max);
        }
        var (number, size) = Paging.Read(ctx, PageParameters.PageNumber(defaultSize), maxSize);
        return (rows.OnPage(number, size).ToList(), null, number, size);
    }
}
