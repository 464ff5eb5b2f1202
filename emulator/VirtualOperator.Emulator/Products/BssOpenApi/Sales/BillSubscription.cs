namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

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
