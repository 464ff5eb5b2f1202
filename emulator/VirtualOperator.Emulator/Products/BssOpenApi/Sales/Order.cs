using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// One order: a purchase, renewal, upgrade, downgrade or charge-type conversion. Paid orders consumed
/// <see cref="Amount"/> from the customer's credit exactly once; unpaid ones (a failed automatic renewal)
/// consumed nothing and can be cancelled.
/// </summary>
public sealed class Order
{
    /// <summary>A 15-digit number, as real order ids are.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public string ProductType { get; set; } = "";
    public string SubscriptionType { get; set; } = "";
    public string OrderType { get; set; } = OrderTypes.New;
    public string Region { get; set; } = "";
    public string Config { get; set; } = "";
    public string? OriginalConfig { get; set; }
    public string Currency { get; set; } = "CNY";
    public decimal GrossAmount { get; set; }
    public decimal Amount { get; set; }
    public int Quantity { get; set; } = 1;
    public string PaymentStatus { get; set; } = PaymentStatuses.Unpaid;
    public DateTime CreateTime { get; set; }
    public DateTime? PaymentTime { get => _paymentTime.Value; set => _paymentTime = OptionalTime.Of(value); }
    private OptionalTime _paymentTime = OptionalTime.None;
    public DateTime? UsageStartTime { get => _usageStartTime.Value; set => _usageStartTime = OptionalTime.Of(value); }
    private OptionalTime _usageStartTime = OptionalTime.None;
    public DateTime? UsageEndTime { get => _usageEndTime.Value; set => _usageEndTime = OptionalTime.Of(value); }
    private OptionalTime _usageEndTime = OptionalTime.None;
    /// <summary>The caller's ClientToken and a digest of what it asked, for idempotent retries.</summary>
    public string? ClientToken { get; set; }
    public string? RequestDigest { get; set; }
    public string Operator { get; set; } = "";
    public List<OrderModule> Modules { get; set; } = [];

    /// <summary>A copy sharing no changeable part with this one (the sales store keeps and answers copies).</summary>
    internal Order Copy()
    {
        var c = (Order)MemberwiseClone();
        c.Modules = Modules.ConvertAll(m => m.Copy());
        return c;
    }
}

public sealed class OrderModule
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public string? OriginalValue { get; set; }

    internal OrderModule Copy() => (OrderModule)MemberwiseClone();
}

/// <summary>OrderType values: New, Renew, Upgrade as QueryOrders documents them; Downgrade and Convert are [I].</summary>
public static class OrderTypes
{
    public const string New = "New";
    public const string Renew = "Renew";
    public const string Upgrade = "Upgrade";
    public const string Downgrade = "Downgrade";
    public const string Convert = "Convert";
}

public static class PaymentStatuses
{
    public const string Unpaid = "Unpaid";
    public const string Paid = "Paid";
    public const string Cancelled = "Cancelled";
}
