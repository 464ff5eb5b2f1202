namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

/// <summary>
/// One pay-as-you-go resource on the meter: what it costs an hour and how far it is paid. Hours are settled
/// whole, from <see cref="StartedAt"/>: the hour ending at <see cref="PaidUntil"/> + 1 h is charged at that time.
/// Collection <c>meteredResources</c> (id resource id; indexes PartnerUid, DueKey).
/// </summary>
public sealed class MeteredResource
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public string Region { get; set; } = "";
    public string Currency { get; set; } = "CNY";
    public decimal HourlyPrice { get; set; }
    public string State { get; set; } = MeterStates.Metering;
    public DateTime StartedAt { get; set; }
    /// <summary>Usage up to here is paid (or, while stopped, owed up to <see cref="StoppedAt"/>).</summary>
    public DateTime PaidUntil { get; set; }
    public DateTime? OverdueSince { get; set; }
    public DateTime? StoppedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public decimal PaidTotal { get; set; }

    public DateTime NextDueAt { get; set; } = DateTime.MaxValue;
    /// <summary><c>{PartnerUid}|{NextDueAt as yyyyMMddHHmmssfffffff}</c>: one index range finds a partner's due resources.</summary>
    public string DueKey { get; set; } = "";

    public static string DueKeyOf(string partnerUid, DateTime at) =>
        partnerUid + "|" + Wire.Utc(at).ToString("yyyyMMddHHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whole hours used and not paid by <paramref name="until"/>.</summary>
    public int HoursOwed(DateTime until) => until <= Wire.Utc(PaidUntil) ? 0 : (int)((until - Wire.Utc(PaidUntil)).Ticks / TimeSpan.TicksPerHour);
}

/// <summary>
/// Money states of a metered resource: <c>Metering</c> (paid up to the last hour), <c>Overdue</c> (an hour went unpaid; it
/// keeps running through the grace period and is retried every hour), <c>StoppedForArrears</c> (the product stopped it;
/// released <see cref="PayAsYouGoMeter.ReleaseAfterStop"/> later unless reactivated), <c>Ended</c> (released or converted).
/// </summary>
public static class MeterStates
{
    public const string Metering = "Metering";
    public const string Overdue = "Overdue";
    public const string StoppedForArrears = "StoppedForArrears";
    public const string Ended = "Ended";
}

/// <summary>How a settlement appears in QueryOrders / GetOrderDetail.</summary>
public static class MeterOrders
{
    /// <summary>[I] QueryOrders documents New, Renew, Upgrade, Refund…; no source shows how pay-as-you-go usage is listed.</summary>
    public const string OrderType = "PayAsYouGoUsage";
}
