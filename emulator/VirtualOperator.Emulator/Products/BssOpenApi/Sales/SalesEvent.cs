namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Something the partner's message queue should carry: an order paid, an instance expiring soon, expired,
/// released. Kept in this product's own store until the partner message service exists; the control plane
/// shows them at <c>/_emulator/partners/{uid}/sales/events</c>.
/// </summary>
public sealed class SalesEvent
{
    public long Id { get; set; }
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string Type { get; set; } = "";
    public string? InstanceId { get; set; }
    public string? OrderId { get; set; }
    public string ProductCode { get; set; } = "";
    public DateTime At { get; set; }
    public string? Detail { get; set; }
}

public static class SalesEventTypes
{
    public const string OrderPaid = "OrderPaid";
    public const string OrderUnpaid = "OrderUnpaid";
    public const string OrderCancelled = "OrderCancelled";
    public const string InstanceExpiringSoon = "InstanceExpiringSoon";
    public const string InstanceExpired = "InstanceExpired";
    public const string InstanceReleased = "InstanceReleased";
}

/// <summary>A bill export to OSS the caller subscribed to (SubscribeBillToOSS).</summary>
public sealed class BillSubscription
{
    /// <summary><c>{partner}:{customer or "-"}:{SubscribeType}</c>.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string? CustomerUid { get; set; }
    public string SubscribeType { get; set; } = "";
    public string SubscribeBucket { get; set; } = "";
    public string? BucketPath { get; set; }
    public long? BucketOwnerId { get; set; }
    public string? BeginBillingCycle { get; set; }
    public string? MultAccountRelSubscribe { get; set; }
    public int? RowLimitPerFile { get; set; }
    public bool UsingSsl { get; set; }
    public DateTime SubscribedAt { get; set; }
}
