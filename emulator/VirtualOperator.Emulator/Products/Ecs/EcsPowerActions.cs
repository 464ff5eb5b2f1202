using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Power: StartInstance, StopInstance, RebootInstance, and ReActivateInstances for an instance stopped for arrears.
/// A call in the wrong state answers 403 IncorrectInstanceStatus; durations of the transitions are in <see cref="EcsState"/>.
/// </summary>
internal static class EcsPowerActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;

    /// <summary>Stopped → Starting → Running. A locked instance (expired, or stopped for arrears) does not start [I].</summary>
    [Action(P, V, "StartInstance")]
    public static object StartInstance(ActionContext ctx) =>
        Change(ctx, EcsStatuses.Stopped, EcsTransitions.Starting, EcsStatuses.Running);

    /// <summary>Running → Stopping → Stopped. A stopped PostPaid instance keeps being metered (StoppedMode KeepCharging) [I].</summary>
    [Action(P, V, "StopInstance")]
    public static object StopInstance(ActionContext ctx) =>
        Change(ctx, EcsStatuses.Running, EcsTransitions.Stopping, EcsStatuses.Stopped);

    /// <summary>Running → Stopping → Starting → Running.</summary>
    [Action(P, V, "RebootInstance")]
    public static object RebootInstance(ActionContext ctx) =>
        Change(ctx, EcsStatuses.Running, EcsTransitions.Rebooting, EcsStatuses.Running);

    /// <summary>
    /// Brings back a PostPaid instance stopped for an overdue payment: the hours owed up to the stop are charged as one
    /// order (InvalidAccountStatus.NotEnoughBalance when the credit does not cover them), then Starting → Running and
    /// metered again. Any other instance: 403 IncorrectInstanceStatus [I].
    /// </summary>
    [Action(P, V, "ReActivateInstances")]
    public static object ReActivateInstances(ActionContext ctx)
    {
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = ctx.Params.RequiredString("InstanceId");
        var now = ctx.Now.UtcDateTime;
        ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            var meter = ctx.Get<PayAsYouGoMeter>();
            if (meter.Find(i.Id) is not { State: MeterStates.StoppedForArrears }) throw EcsErrors.IncorrectInstanceStatus();
            try
            {
                if (!meter.TryReactivate(i.Id, now, out _, out _)) throw EcsErrors.NotEnoughBalance();
            }
            catch (Protocol.Errors.ApiException e) when (e.Code is "InsufficientQuota" or "Forbidden.UserStopped")
            {
                throw EcsErrors.NotEnoughBalance();
            }
            EcsState.Begin(i, EcsTransitions.Starting, EcsStatuses.Running, now);
            ctx.Get<EcsStore>().Update(i);
            return 0;
        });
        return EcsWire.Ok(ctx);
    }

    private static object Change(ActionContext ctx, string from, string transition, string to)
    {
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = ctx.Params.RequiredString("InstanceId");
        var now = ctx.Now.UtcDateTime;
        ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            var state = ctx.Get<EcsFleet>().State(i, now);
            if (state.Status != from || state.Locks.Count > 0) throw EcsErrors.IncorrectInstanceStatus();
            if (EcsWire.DryRun(ctx)) throw EcsErrors.DryRunOperation();
            EcsState.Begin(i, transition, to, now);
            ctx.Get<EcsStore>().Update(i);
            return 0;
        });
        return EcsWire.Ok(ctx);
    }
}
