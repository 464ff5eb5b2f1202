using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS errors. Codes, messages and statuses from the ECS API reference's error tables (RunInstances, DeleteInstance,
/// StartInstance and others) and AFTER-SALES.md §4 unless marked [I].
/// </summary>
public static class EcsErrors
{
    public static ApiException DryRunOperation() => new("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400);

    public static ApiException InstanceNotFound(string id) => new("InvalidInstanceId.NotFound", $"The specified InstanceId does not exist. ({id})", 404);

    public static ApiException IncorrectInstanceStatus() =>
        new("IncorrectInstanceStatus", "The current status of the resource does not support this operation.", 403);

    public static ApiException ChargeTypeViolation() =>
        new("ChargeTypeViolation", "The operation is not permitted due to charge type of the instance.", 403);

    public static ApiException InvalidChargeTypeNotSupported() =>
        new("InvalidChargeType.NotSupported", "The chargeType of the instance does not support this operation.", 403);

    public static ApiException NoStock() =>
        new("OperationDenied.NoStock", "The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.", 403);

    public static ApiException NotEnoughBalance() => new("InvalidAccountStatus.NotEnoughBalance", "Your account does not have enough balance.", 403);

    public static ApiException AccountArrearage() => new("Account.Arrearage", "Your account has an outstanding payment.", 400);

    public static ApiException RegionNotFound() => new("InvalidRegionId.NotFound", "The specified RegionId does not exist.", 404);

    public static ApiException ZoneNotFound() => new("InvalidZoneId.NotFound", "The specified ZoneId does not exist.", 404);

    public static ApiException ImageNotFound() => new("InvalidImageId.NotFound", "The specified ImageId does not exist.", 404);

    public static ApiException InstanceTypeNotSupported() =>
        new("InvalidInstanceType.ValueNotSupported", "The specified InstanceType beyond the permitted range.", 400);

    public static ApiException ChargeTypeNotFound() => new("InvalidInstanceChargeType.NotFound", "The InstanceChargeType does not exist in our records.", 404);

    public static ApiException InvalidInternetChargeType() =>
        new("InvalidInternetChargeType.ValueNotSupported", "The specified InternetChargeType is not valid.", 400);

    public static ApiException InvalidBandwidth() => new("InvalidParameter", "The specified parameter InternetMaxBandwidthOut is not valid.", 400);

    public static ApiException InvalidAutoRenewPeriod() => new("InvalidAutoRenewPeriod.ValueNotSupported", "The specified autoRenewPeriod is not valid.", 400);

    public static ApiException DeletionProtection() =>
        new("InvalidOperation.DeletionProtection", "The current instance has deletion protection enabled and cannot be deleted.", 400);

    public static ApiException InvalidHostName() => new("InvalidHostName.Malformed", "The specified parameter HostName is not valid.", 400);

    public static ApiException InvalidInstanceName() => new("InvalidInstanceName.Malformed", "The specified parameter InstanceName is not valid.", 400);

    public static ApiException SystemDiskCategory() => new("InvalidSystemDiskCategory.ValueNotSupported", "The specified parameter SystemDisk.Category is not valid.", 400);

    public static ApiException SystemDiskSize() => new("InvalidSystemDiskSize", "The specified parameter SystemDisk.Size is invalid.", 404);

    /// <summary>[I] code for an invalid Period/PeriodUnit (the references list several; this one is generic).</summary>
    public static ApiException InvalidPeriod(string name) => CommonErrors.InvalidParameter(name, "The specified period is not valid for the period unit.");

    public static ApiException InvalidParameter(string name, string why) => CommonErrors.InvalidParameter(name, why);

    /// <summary>[I] a spec change that changes nothing (same type, same bandwidth).</summary>
    public static ApiException SpecNotChanged() => new("InvalidInstanceType.ValueNotSupported", "The specified InstanceType is the same as the current one.", 400);

    /// <summary>[I] the owner of a partner's own call: ECS instances are customers' (see docs/ecs.md).</summary>
    public static ApiException OwnerRequired() =>
        new("InvalidParameter", "The specified parameter \"OwnerId\" is not valid. A partner's own keys act on a customer's ECS resources only with OwnerId (or STS credentials of the customer).", 400);

    public static ApiException ReservedInstanceNotFound(string id) =>
        new("InvalidReservedInstanceId.NotFound", $"The specified ReservedInstanceId does not exist. ({id})", 404);

    /// <summary>[I] a ModifyReservedInstances configuration that does not keep the total instance capacity.</summary>
    public static ApiException ReservedCapacityMismatch() =>
        new("InvalidParameter.Configuration", "The total capacity of the modified reserved instances must equal that of the original ones.", 400);
}
