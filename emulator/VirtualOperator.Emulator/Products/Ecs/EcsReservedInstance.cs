namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// A reserved instance (a billing discount on matching PostPaid instances, bought for a term by
/// PurchaseReservedInstancesOffering). The emulator keeps it and its term; matching usage is not discounted [I].
/// </summary>
public sealed class EcsReservedInstance
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string RegionId { get; set; } = "";
    /// <summary>Set when <see cref="Scope"/> is Zone.</summary>
    public string ZoneId { get; set; } = "";
    public string Scope { get; set; } = "Region";
    public string InstanceType { get; set; } = "";
    public int InstanceAmount { get; set; } = 1;
    public string OfferingType { get; set; } = "All Upfront";
    public string Platform { get; set; } = "Linux";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = "Active";
    public string AllocationStatus { get; set; } = "allocated";
    public DateTime CreationTime { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime ExpiredTime { get; set; }
    public string OrderId { get; set; } = "";
    /// <summary>The reserved instances this one was split from or merged from (ModifyReservedInstances).</summary>
    public List<string> ReplacedBy { get; set; } = [];
    public List<EcsTag> Tags { get; set; } = [];
}
