namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>
/// The event types the emulator records. [I] Alibaba Cloud does not publish the reseller message catalogue;
/// the names are ours, stable, and documented in docs/accounts-and-access.md. Other products add theirs here.
/// </summary>
public static class PartnerEventTypes
{
    public const string CustomerCreated = "CustomerCreated";
    public const string IdentityVerificationCompleted = "IdentityVerificationCompleted";
    public const string IdentityVerificationRejected = "IdentityVerificationRejected";
    public const string IdentityVerificationRemoved = "IdentityVerificationRemoved";

    /// <summary>A customer's available quota fell below one of its SetResellerUserAlarmThreshold rules (docs/budget.md).</summary>
    public const string QuotaLowBalance = "QuotaLowBalance";

    /// <summary>SetResellerUserStatus FREEZE/Freeze stopped a customer's purchases; FREEZE/Thaw resumed them (docs/events.md).</summary>
    public const string CustomerStopped = "CustomerStopped";
    public const string CustomerResumed = "CustomerResumed";

    // Sales (docs/sales-and-orders.md).
    public const string OrderPaid = "OrderPaid";
    public const string OrderUnpaid = "OrderUnpaid";
    public const string OrderCancelled = "OrderCancelled";
    public const string InstanceExpiringSoon = "InstanceExpiringSoon";
    public const string InstanceExpired = "InstanceExpired";
    public const string InstanceReleased = "InstanceReleased";

    // RDS (docs/rds.md). Expiring, expired and released instances use the sales types above with ProductCode "rds".
    /// <summary>An RDS instance (primary, read-only, clone, recovery or disaster-recovery) was ordered and is being created.</summary>
    public const string RdsInstanceCreated = "RdsInstanceCreated";
    // Pay-as-you-go meter, any product (docs/metering.md).
    public const string PayAsYouGoOverdue = "PayAsYouGoOverdue";
    public const string PayAsYouGoStopped = "PayAsYouGoStopped";

    // ECS (docs/ecs.md); expiring, expired and released come from the sales lifecycle with ProductCode "ecs".
    public const string EcsInstanceCreated = "EcsInstanceCreated";

    // ICP filing (docs/icp-filing.md): one event per step of a filing made in the console wizard.
    public const string IcpFilingSubmitted = "IcpFilingSubmitted";
    public const string IcpFilingUnderReview = "IcpFilingUnderReview";
    public const string IcpFilingApproved = "IcpFilingApproved";
    public const string IcpFilingRejected = "IcpFilingRejected";
}
