using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS on the pay-as-you-go meter: a PostPaid instance stopped for arrears shows Stopped with lock reason
/// <c>financial</c> (computed from the meter, <see cref="EcsState"/>), and is released 15 days later.
/// </summary>
public sealed class EcsMeteredProduct(EcsStore store, EcsFleet fleet) : IMeteredProduct
{
    public string ProductCode => EcsWire.ProductCode;

    public void StoppedForArrears(MeteredResource resource, DateTime at)
    {
        if (store.Instance(resource.Id) is not { } i) return;
        // The power state follows: once reactivated it starts again from Stopped.
        i.Power = EcsStatuses.Stopped;
        i.Transition = EcsTransitions.None;
        i.TransitionAt = at;
        store.Update(i);
    }

    public void ReleasedForArrears(MeteredResource resource, DateTime at) => fleet.Release(resource.Id, at);
}
