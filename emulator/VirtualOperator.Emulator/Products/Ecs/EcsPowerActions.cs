using VirtualOperator.Emulator.Api.Ecs;
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
    public static object StartInstance(ActionContext ctx)
    {
        var req = StartInstanceRequest.Of(ctx);
        Change(ctx, () => req.InstanceId, () => req.DryRun, EcsStatuses.Stopped, EcsTransitions.Starting, EcsStatuses.Running);
        return new StartInstanceResponse { RequestId = ctx.RequestId };
    }

    /// <summary>Running → Stopping → Stopped. A stopped PostPaid instance keeps being metered (StoppedMode KeepCharging) [I].</summary>
    [Action(P, V, "StopInstance")]
    public static object StopInstance(ActionContext ctx)
    {
        var req = StopInstanceRequest.Of(ctx);
        Change(ctx, () => req.InstanceId, () => req.DryRun, EcsStatuses.Running, EcsTransitions.Stopping, EcsStatuses.Stopped);
        return new StopInstanceResponse { RequestId = ctx.RequestId };
    }

    /// <summary>Running → Stopping → Starting → Running.</summary>
    [Action(P, V, "RebootInstance")]
    public static object RebootInstance(ActionContext ctx)
    {
        var req = RebootInstanceRequest.Of(ctx);
        Change(ctx, () => req.InstanceId, () => req.DryRun, EcsStatuses.Running, EcsTransitions.Rebooting, EcsStatuses.Running);
        return new RebootInstanceResponse { RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Brings back a PostPaid instance stopped for an overdue payment: the hours owed up to the stop are charged as one
    /// order (InvalidAccountStatus.NotEnoughBalance when the credit does not cover them), then Starting → Running and
    /// metered again. Any other instance: 403 IncorrectInstanceStatus [I].
    /// </summary>
    [Action(P, V, "ReActivateInstances")]
    public static object ReActivateInstances(ActionContext ctx)
    {
        var req = ReActivateInstancesRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = req.InstanceId;
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
        return new ReActivateInstancesResponse { RequestId = ctx.RequestId };
    }

    /// <summary>
    /// One power transition. InstanceId and DryRun are read lazily so the checks keep their order (caller, InstanceId, the
    /// instance and its state, then DryRun): a call wrong in two ways answers the same first error as before the generated requests.
    /// </summary>
    private static void Change(ActionContext ctx, Func<string> instanceId, Func<bool?> dryRun, string from, string transition, string to)
    {
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = instanceId();
        var now = ctx.Now.UtcDateTime;
        ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            var state = ctx.Get<EcsFleet>().State(i, now);
            if (state.Status != from || state.Locks.Count > 0) throw EcsErrors.IncorrectInstanceStatus();
            if (dryRun() ?? false) throw EcsErrors.DryRunOperation();
            EcsState.Begin(i, transition, to, now);
            ctx.Get<EcsStore>().Update(i);
            return 0;
        });
    }
}
