using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Errors of product information, sales, orders and bills. [C] = the code appears in ERRORS.md;
/// [I] = inferred (no public source names it), listed in docs/sales-and-orders.md.
/// </summary>
public static class SalesErrors
{
    /// <summary>[I] code patterned on InvalidModuleCode / InvalidConfigCode.</summary>
    public static ApiException InvalidProductCode(string productCode, string? productType) =>
        new("InvalidProductCode", $"The product \"{productCode}\"{(productType is null ? "" : $" of type \"{productType}\"")} is not sold through this API.", 400);

    /// <summary>[C] code (CancelOrder error table); message [I].</summary>
    public static ApiException InvalidModuleCode(string productCode, string moduleCode) =>
        new("InvalidModuleCode", $"The product \"{productCode}\" has no pricing module \"{moduleCode}\".", 400);

    /// <summary>[C] code (CancelOrder error table); message [I].</summary>
    public static ApiException InvalidConfigCode(string productCode, string code, string value, string why) =>
        new("InvalidConfigCode", $"The configuration {code}:{value} is not valid for product \"{productCode}\": {why}.", 400);

    /// <summary>[C] code; [I] used when a required attribute is left out.</summary>
    public static ApiException MissingConfig(string productCode, string code) =>
        new("InvalidConfigCode", $"The product \"{productCode}\" needs a value for \"{code}\" (pass it as Parameter.N.Code/Value).", 400);

    public static ApiException InvalidConfigFormat(string pair) =>
        CommonErrors.InvalidParameter("Config", $"\"{pair}\" is not Code:Value.");

    public static ApiException InvalidRegion(string productCode, string region) =>
        CommonErrors.InvalidParameter("Region", $"The product \"{productCode}\" is not sold in region \"{region}\".");

    public static ApiException NotSold(string productCode, string subscriptionType) =>
        CommonErrors.InvalidParameter("SubscriptionType", $"The product \"{productCode}\" is not sold as {subscriptionType}.");

    /// <summary>[I] the purchase APIs need a customer to pay; a partner's own call must name one with OwnerId.</summary>
    public static ApiException OwnerRequired() =>
        CommonErrors.MissingParameter("OwnerId");

    /// <summary>[I] no source names the code for an instance that does not exist or is not the caller's.</summary>
    public static ApiException InstanceNotFound(string instanceId) =>
        new("InvalidInstanceId.NotFound", $"The specified instance \"{instanceId}\" does not exist.", 400);

    /// <summary>[I] patterned on ECS IncorrectInstanceStatus.</summary>
    public static ApiException IncorrectInstanceStatus(string instanceId, string status, string action) =>
        new("IncorrectInstanceStatus", $"The instance \"{instanceId}\" is {status}; {action} is not possible in that status.", 400);

    public static ApiException NotASubscription(string instanceId, string action) =>
        new("IncorrectInstanceStatus", $"The instance \"{instanceId}\" is pay-as-you-go; {action} applies to subscriptions only.", 400);

    /// <summary>[I] ModifyType Upgrade must raise the price, Downgrade must lower it.</summary>
    public static ApiException NotAChange(string instanceId, string modifyType) =>
        CommonErrors.InvalidParameter("ModifyType", $"The new configuration of \"{instanceId}\" is not a{(modifyType == "Upgrade" ? "n" : "")} {modifyType.ToLowerInvariant()} of its current one.");

    /// <summary>[I] unknown order id (the CancelOrder table lists InvalidParameter).</summary>
    public static ApiException OrderNotFound(string orderId) =>
        CommonErrors.InvalidParameter("OrderId", $"The order \"{orderId}\" does not exist.");

    /// <summary>[I] ERRORS.md §3 found no code for an order that is paid or cancelled already.</summary>
    public static ApiException OrderCannotCancel(string orderId, string status) =>
        new("ORDER.CANNOT_CANCEL", $"The order \"{orderId}\" is {status}; only unpaid orders can be cancelled.", 400);

    /// <summary>[C] common code, message and status.</summary>
    public static ApiException IdempotentParameterMismatch() =>
        new("IdempotentParameterMismatch", "Request uses a client token in a previous request but is not identical to that request.", 400);

    /// <summary>[I] unsubscribing a bill type that is not subscribed.</summary>
    public static ApiException BillNotSubscribed(string subscribeType) =>
        CommonErrors.InvalidParameter("SubscribeType", $"No bill subscription of type \"{subscribeType}\" exists.");

    public static ApiException InvalidValue(string name, string value, IEnumerable<string> allowed) =>
        CommonErrors.InvalidParameter(name, $"\"{value}\" is not one of {string.Join(", ", allowed)}.");
}
