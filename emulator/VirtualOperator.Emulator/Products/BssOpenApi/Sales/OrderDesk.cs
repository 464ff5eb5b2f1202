using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>What an order will be and what paying it changes (create, extend or reconfigure an instance).</summary>
public sealed record OrderPlan(Order Order, Action<Order> Apply);

/// <summary>
/// Places orders for every product (generic here; ECS and RDS reuse it): idempotency by ClientToken, the
/// charge from the customer's credit, the order and its effects, all one step under the customer's lock,
/// so parallel retries with one token charge once and a refused charge leaves nothing behind.
/// </summary>
public sealed class OrderDesk(SalesStore store, CreditLedger ledger, SalesEvents events, Domain.CustomerLocks customerLocks)
{
    /// <summary>Runs one step of a customer's (a lifecycle step, a product's own change) as one unit of work under the
    /// customer's lock: <see cref="Domain.CustomerLocks"/>, the same lock the ledger and <see cref="Place"/> take.</summary>
    public T UnderCustomerLock<T>(string customerUid, Func<T> action) => customerLocks.Run(customerUid, action);

    /// <summary>A plan whose paid order creates <paramref name="instance"/> (and is its one creating order).</summary>
    public OrderPlan Creating(SalesInstance instance, Order order) => new(order, paid =>
    {
        instance.CreatingOrderId = paid.Id;
        SubscriptionLifecycle.Schedule(instance);
        store.Insert(instance);
    });

    /// <summary>An order about a generic instance, in its current configuration (and the one it had, for a change).</summary>
    public static Order OrderFor(CatalogProduct product, SalesInstance instance, string orderType, Quote quote, string by,
        IReadOnlyDictionary<string, string>? original = null) => new()
    {
        InstanceId = instance.Id, ProductCode = product.ProductCode, ProductType = product.ProductType,
        SubscriptionType = instance.SubscriptionType, OrderType = orderType, Region = instance.Region,
        Config = Pricing.FormatConfig(instance.Config, instance.Region),
        OriginalConfig = original is null ? null : Pricing.FormatConfig(original, instance.Region),
        Currency = quote.Currency, GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice, Operator = by,
        Modules = instance.Config.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new OrderModule
        {
            Code = c.Key, Name = product.Module(c.Key)?.Name ?? c.Key, Value = c.Value, OriginalValue = original?.GetValueOrDefault(c.Key),
        }).ToList(),
    };

    /// <summary>
    /// An earlier order with the same <paramref name="clientToken"/> is answered again when the request was
    /// the same (<paramref name="requestDigest"/>) and refused otherwise; else <paramref name="plan"/> runs
    /// inside the lock (so it sees current state), its amount is charged, and the order and its effects are written.
    /// </summary>
    public Order Place(string partnerUid, string customerUid, string? clientToken, string requestDigest, DateTimeOffset now, Func<OrderPlan> plan) =>
        customerLocks.Run(customerUid, () =>
        {
            if (clientToken is not null && store.OrderByToken(customerUid, clientToken) is { } prior)
                return prior.RequestDigest == requestDigest ? prior : throw SalesErrors.IdempotentParameterMismatch();
            var (order, apply) = plan();
            order.ClientToken = clientToken;
            order.RequestDigest = requestDigest;
            if (!TrySettle(partnerUid, customerUid, order, now, out var refusal)) throw refusal!;
            apply(order);
            return order;
        });

    /// <summary>
    /// Charges and writes <paramref name="order"/> as paid; when the credit does not cover it (or the customer is
    /// stopped), writes nothing and answers the refusal. Call under the customer's lock.
    /// </summary>
    public bool TrySettle(string partnerUid, string customerUid, Order order, DateTimeOffset at, out ApiException? refusal)
    {
        order.Id = store.NewOrderId();
        order.PartnerUid = partnerUid;
        order.CustomerUid = customerUid;
        order.CreateTime = at.UtcDateTime;
        try
        {
            ledger.Charge(partnerUid, customerUid, order.Currency, order.Amount, at);
        }
        catch (ApiException e)
        {
            refusal = e;
            return false;
        }
        order.PaymentStatus = PaymentStatuses.Paid;
        order.PaymentTime = at.UtcDateTime;
        store.Insert(order);
        events.Record(PartnerEventTypes.OrderPaid, order, at.UtcDateTime, $"{order.OrderType} {order.Amount} {order.Currency}");
        refusal = null;
        return true;
    }

    /// <summary>Writes an order the customer could not pay (an automatic renewal the credit did not cover).</summary>
    public void WriteUnpaid(string partnerUid, string customerUid, Order order, DateTimeOffset at, string why)
    {
        if (order.Id.Length == 0) order.Id = store.NewOrderId();
        order.PartnerUid = partnerUid;
        order.CustomerUid = customerUid;
        order.CreateTime = at.UtcDateTime;
        order.PaymentStatus = PaymentStatuses.Unpaid;
        store.Insert(order);
        events.Record(PartnerEventTypes.OrderUnpaid, order, at.UtcDateTime, why);
    }

    /// <summary>Cancels an unpaid order; a paid or cancelled one is refused. Call under the customer's lock.</summary>
    public void Cancel(Order order, DateTimeOffset at)
    {
        if (order.PaymentStatus != PaymentStatuses.Unpaid) throw SalesErrors.OrderCannotCancel(order.Id, order.PaymentStatus);
        order.PaymentStatus = PaymentStatuses.Cancelled;
        store.Update(order);
        events.Record(PartnerEventTypes.OrderCancelled, order, at.UtcDateTime);
    }
}
