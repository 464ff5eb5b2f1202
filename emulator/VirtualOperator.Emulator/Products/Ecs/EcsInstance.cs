namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// One ECS instance as ECS itself knows it: where it runs, what it runs, its network and its power state.
/// What it costs and how long it is paid for is not here: the subscription (term, renewal, expiry, release)
/// is its <see cref="BssOpenApi.Sales.SalesInstance"/> of kind <see cref="EcsInstance.SalesKind"/> (same id), and a
/// PostPaid instance's hourly usage is its metered resource (<see cref="BssOpenApi.Sales.Metering.PayAsYouGoMeter"/>).
/// The status an API call sees is computed from the three (<see cref="EcsState"/>).
/// </summary>
public sealed class EcsInstance : Instances.IProductInstance
{
    public const string SalesKind = BssOpenApi.Sales.InstanceKinds.Ecs;

    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string ZoneId { get; set; } = "";
    public string InstanceType { get; set; } = "";
    public string ImageId { get; set; } = "";
    public string InstanceName { get; set; } = "";
    public string HostName { get; set; } = "";
    public string Description { get; set; } = "";
    public string InstanceChargeType { get; set; } = EcsChargeTypes.PostPaid;
    public string InternetChargeType { get; set; } = "PayByTraffic";
    public int InternetMaxBandwidthOut { get; set; }
    public int InternetMaxBandwidthIn { get; set; } = 100;
    public string SystemDiskCategory { get; set; } = "cloud_essd";
    public int SystemDiskSize { get; set; } = 40;
    public string PrivateIpAddress { get; set; } = "";
    public string? PublicIpAddress { get; set; }
    public string VpcId { get; set; } = "";
    public string VSwitchId { get; set; } = "";
    public List<string> SecurityGroupIds { get; set; } = [];
    public List<EcsTag> Tags { get; set; } = [];
    public string? KeyPairName { get; set; }
    public bool DeletionProtection { get; set; }
    public string CreatingOrderId { get; set; } = "";
    public DateTime CreationTime { get; set; }

    /// <summary>The stable power state it is in or moving to: Running or Stopped.</summary>
    public string Power { get; set; } = EcsStatuses.Running;
    /// <summary>The transition under way (<see cref="EcsTransitions"/>), begun at <see cref="TransitionAt"/>; None when settled.</summary>
    public string Transition { get; set; } = EcsTransitions.None;
    public DateTime TransitionAt { get; set; }
    public DateTime? StartTime { get; set; }
}

public sealed class EcsTag
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

public static class EcsChargeTypes
{
    public const string PrePaid = "PrePaid";
    public const string PostPaid = "PostPaid";
}

/// <summary>Status values of DescribeInstances (AFTER-SALES.md §4, confirmed).</summary>
public static class EcsStatuses
{
    public const string Pending = "Pending";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
}

public static class EcsTransitions
{
    public const string None = "None";
    /// <summary>RunInstances: Pending, then Starting, then Running.</summary>
    public const string Launching = "Launching";
    /// <summary>StartInstance and ReActivateInstances: Starting, then Running.</summary>
    public const string Starting = "Starting";
    /// <summary>StopInstance: Stopping, then Stopped.</summary>
    public const string Stopping = "Stopping";
    /// <summary>RebootInstance: Stopping, Starting, then Running.</summary>
    public const string Rebooting = "Rebooting";
}
