using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// Bsn's numeric error codes (dd/143225 GetBsnBySn, dd/2833157 GrantBsnCode), shared by every Bsn action [I].
/// HTTP 400 is documented for GetBsnBySn and inferred for the others. pop-core raises them as <c>602Error</c> etc.
/// The messages are our English renderings of the documented descriptions.
/// </summary>
public static class BsnErrors
{
    public static ApiException InvalidAccount(string uid) => new("401", $"Invalid account ID: {uid} is not a customer of this partner.", 400);
    public static ApiException InvalidInstance(string resourceId) => new("402", $"Invalid instance: {resourceId} was not found.", 400);
    public static ApiException NoFilableIp(string resourceId) => new("403", $"The instance {resourceId} has no public IP that can be filed.", 400);
    public static ApiException SnNotFound(string sn) => new("405", $"Sn not found: {sn}.", 400);
    public static ApiException ServiceCodeNotFound(string sn) => new("406", $"The service code {sn} does not exist.", 400);
    public static ApiException GrantTargetInvalid(string uid) => new("408", $"Invalid account: {uid} is not a customer of this partner.", 400);
    public static ApiException ProductTypeCannotBind(int type) => new("411", $"Resources of type {type} cannot bind service codes here.", 400);
    public static ApiException NotInstanceOwner(string uid, string resourceId) => new("412", $"The account {uid} is not the owner of instance {resourceId}.", 400);
    public static ApiException InstanceStatusUnsuitable(string resourceId, string status) => new("413", $"The status of instance {resourceId} ({status}) does not allow binding.", 400);
    public static ApiException OperationFailed(string why) => new("504", "Operation failed: " + why, 400);
    public static ApiException IllegalRequest(string why) => new("506", "Illegal request: " + why, 400);
    public static ApiException RequiredParameterEmpty(string name) => new("602", $"The required parameter {name} is empty.", 400);
    public static ApiException NumOutOfRange() => new("603", "Only 1 to 20 service codes can be generated at a time.", 400);
    public static ApiException NotTheCaller(string uid) => new("604", $"The binding account {uid} differs from the caller.", 400);
    public static ApiException InstanceAtLimit(string resourceId, int limit) => new("609", $"The instance {resourceId} has reached its limit of {limit} service codes.", 400);
    public static ApiException NotOfAccount(string sn, string uid) => new("616", $"The service code {sn} does not belong to the account {uid}.", 400);
}

/// <summary>The catalog check's errors in Bsn's own codes: a missing parameter is 602, a malformed one 506 [I].</summary>
public sealed class BsnParameterErrors : IParameterErrors
{
    public string Product => BsnServices.Product;

    public ApiException Translate(ApiException gatewayError) =>
        gatewayError.Code == "MissingParameter"
            ? new ApiException("602", gatewayError.Message.Replace("The input parameter", "The required parameter", StringComparison.Ordinal), 400)
            : BsnErrors.IllegalRequest(gatewayError.Message);
}
