using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Sales events for the partner's message queue (order paid, unpaid, cancelled; instance expiring soon, expired,
/// released), recorded through <see cref="PartnerEvents"/> at the virtual time they happened. The body's
/// <c>Data</c> is <c>{"CustomerUid","ProductCode","InstanceId","OrderId","Detail"}</c> [I].
/// </summary>
public sealed class SalesEvents(PartnerEvents events)
{
    public void Record(string type, SalesInstance instance, DateTime at, string? orderId = null, string? detail = null) =>
        Record(type, instance.PartnerUid, instance.CustomerUid, instance.ProductCode, instance.Id, orderId, at, detail);

    public void Record(string type, Order order, DateTime at, string? detail = null) =>
        Record(type, order.PartnerUid, order.CustomerUid, order.ProductCode, order.InstanceId, order.Id, at, detail);

    private void Record(string type, string partnerUid, string customerUid, string productCode, string? instanceId, string? orderId,
        DateTime at, string? detail) =>
        events.Record(partnerUid, type, new
        {
            CustomerUid = customerUid, ProductCode = productCode, InstanceId = instanceId, OrderId = orderId, Detail = detail,
        }, new DateTimeOffset(Wire.Utc(at)));
}
