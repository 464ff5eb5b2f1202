using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>
/// A product's declaration of its instances on the shared order and lifecycle machinery (docs/new-product.md): the
/// instance kind (<see cref="Kind"/>: the <see cref="SalesInstance.Kind"/> of their subscription records, and
/// <see cref="ProductCode"/> on orders and the meter), their prices (<see cref="RenewalOrder"/>), their state machine
/// (<see cref="States"/>, read by <see cref="StatusOf"/>). Registered with
/// <see cref="InstanceRegistration.AddInstanceProduct{TInstance, TStore, TProduct}"/>, which wires the shared hooks
/// (automatic renewal pricing, the lifecycle's release, the pay-as-you-go meter's callbacks, the resource directory) to it
/// through <see cref="ProductInstances{TInstance}"/>, so a product writes none of them.
/// Every callback runs under the customer's lock, inside the unit of work of the step that calls it.
/// </summary>
public abstract class InstanceProduct<TInstance> where TInstance : class, IProductInstance
{
    /// <summary>The kind of the instances' subscription records: the lifecycle finds this product's prices and release by it.</summary>
    public abstract string Kind { get; }

    /// <summary>The product code as BSS spells it ("ecs", "rds"): on orders, metered resources and resource views.</summary>
    public abstract string ProductCode { get; }

    /// <summary>The declared states: transitions with their virtual durations, and which statuses the locks force.</summary>
    public abstract InstanceStateMachine States { get; }

    /// <summary>The status an API call sees at <paramref name="now"/> (not released), derived with <see cref="States"/>.</summary>
    public abstract string StatusOf(TInstance instance, SalesInstance? subscription, MeteredResource? meter, DateTime now);

    /// <summary>The price of <paramref name="months"/> more, as the renewal order (without ids, times or payment), or null
    /// when this instance cannot renew automatically.</summary>
    public abstract Order? RenewalOrder(TInstance instance, SalesInstance subscription, int months);

    /// <summary>The status in which the instance is in service (<see cref="Resources.ResourceView.Running"/>).</summary>
    public virtual string RunningStatus => "Running";

    /// <summary>The status of a released instance as resource views show it.</summary>
    public virtual string ReleasedStatus => InstanceStatuses.Released;

    /// <summary>Whether it is released: by default, when its subscription record is (or is gone).</summary>
    public virtual bool IsReleased(TInstance instance, SalesInstance? subscription) => subscription is null || subscription.IsReleased;

    /// <summary>The public address other products see (Bsn needs one to issue an ICP service number); none by default.</summary>
    public virtual string? PublicIp(TInstance instance) => null;

    /// <summary>The lifecycle released it (15 days after expiry) and has written its subscription record: release what goes with it.</summary>
    public virtual void Released(TInstance instance, SalesInstance subscription, DateTime at) { }

    /// <summary>The meter stopped it for arrears (its status follows from the meter's state through <see cref="States"/>'
    /// locks): change what the product itself stores, if anything.</summary>
    public virtual void StoppedForArrears(TInstance instance, MeteredResource resource, DateTime at) { }

    /// <summary>The meter releases it for arrears: by default its subscription record is released, with InstanceReleased
    /// (<see cref="ProductInstances{TInstance}.Release"/>).</summary>
    public virtual void ReleasedForArrears(TInstance instance, MeteredResource resource, DateTime at) => Shared.Release(instance.Id, at);

    /// <summary>The shared machinery of this product's instances (set when it is built).</summary>
    protected internal ProductInstances<TInstance> Shared { get; internal set; } = null!;
}
