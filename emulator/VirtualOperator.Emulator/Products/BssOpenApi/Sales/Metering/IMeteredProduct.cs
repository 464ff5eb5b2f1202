namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

/// <summary>
/// How a product sells pay-as-you-go on the shared meter (<see cref="PayAsYouGoMeter"/>). The whole contract:
/// <list type="number">
/// <item>Register one implementation: <c>services.AddSingleton&lt;IMeteredProduct, MyMeteredProduct&gt;()</c>.</item>
/// <item>When a pay-as-you-go resource is created (inside the apply step of its <see cref="OrderDesk.Place"/> plan, under the
/// customer's lock), call <see cref="PayAsYouGoMeter.Start"/> with its hourly price; on a change of configuration call
/// <see cref="PayAsYouGoMeter.Reprice"/>; when it is released or converted to a subscription call <see cref="PayAsYouGoMeter.End"/>.</item>
/// <item>Read <see cref="PayAsYouGoMeter.Find"/> to show its money state (<see cref="MeterStates"/>: Overdue, StoppedForArrears);
/// call <see cref="PayAsYouGoMeter.TryReactivate"/> to bring one stopped for arrears back once the customer has credit again.</item>
/// <item>Implement the two callbacks below: the meter calls them at the virtual time they happen, under the customer's
/// lock, in the same step as its own write, so the product changes its own state (power, locks, release) there.</item>
/// </list>
/// The meter settles whole hours from the customer's credit, records each settlement as a paid order of the product
/// (OrderType <see cref="MeterOrders.OrderType"/>), and runs the overdue → stop → release sequence (docs/metering.md).
/// </summary>
public interface IMeteredProduct
{
    /// <summary>The product code the resources were started with (<see cref="MeteredResource.ProductCode"/>), as BSS spells it.</summary>
    string ProductCode { get; }

    /// <summary>The grace after the first unpaid hour is over and the credit still does not cover it: stop the resource
    /// (ECS: Stopped with lock reason <c>financial</c>). The meter has already recorded the stop event.</summary>
    void StoppedForArrears(MeteredResource resource, DateTime at);

    /// <summary><see cref="PayAsYouGoMeter.ReleaseAfterStop"/> after the stop: release the resource for good. Metering has ended.</summary>
    void ReleasedForArrears(MeteredResource resource, DateTime at);
}
