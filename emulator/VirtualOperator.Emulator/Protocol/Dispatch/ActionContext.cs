using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Parsing;

namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// Everything a handler may use: who calls, the parameters, the virtual time of this request, services.
/// Handlers never see <c>HttpContext</c>, so they read like the API reference and test without a server.
/// </summary>
public sealed class ActionContext(
    string requestId, DateTimeOffset now, ResolvedCredential caller, ActionDescriptor action,
    ActionParameters parameters, IServiceProvider services)
{
    public string RequestId { get; } = requestId;

    /// <summary>Virtual now of the calling partner, captured once per request.</summary>
    public DateTimeOffset Now { get; } = now;

    public ResolvedCredential Caller { get; } = caller;
    public Partner Partner => Caller.Partner;
    public string PartnerUid => Caller.Partner.Uid;

    /// <summary>
    /// Set when the call is signed with STS credentials of a customer's role: the call acts as that customer. Which customer
    /// a call may act on is decided in one place, <c>Products.BssOpenApi.CustomerScope</c>.
    /// </summary>
    public string? CustomerUid => Caller.CustomerUid;

    public ActionDescriptor Action { get; } = action;
    public ActionParameters Params { get; } = parameters;
    public IServiceProvider Services { get; } = services;

    public T Get<T>() where T : notnull => (T)(Services.GetService(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered."));
}
