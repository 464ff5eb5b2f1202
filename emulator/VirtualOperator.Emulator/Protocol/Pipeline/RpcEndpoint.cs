using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Protocol.Responses;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>
/// The whole RPC request flow, in order: read, resolve (Version + Action over the catalog), verify the
/// signature, check the partner, inject faults, validate parameters, run the guards (<see cref="IActionGuard"/>),
/// run the handler, render, journal.
/// Every failure on the way is an <see cref="ApiException"/> rendered once in the real envelope.
/// </summary>
public sealed class RpcEndpoint(
    ActionCatalog catalog, ActionRegistry registry, SignatureVerifier verifier, VirtualClock clock,
    WallClock wall, FaultInjector faults, RequestJournal journal, DueWorkRunner dueWork,
    IEnumerable<IActionGuard> guards, IEnumerable<IParameterErrors> parameterErrors, IServiceProvider services, ILogger<RpcEndpoint> log)
{
    private readonly IActionGuard[] _guards = guards.ToArray();
    private readonly Dictionary<string, IParameterErrors> _parameterErrors = parameterErrors.ToDictionary(p => p.Product, StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        // The singleton from the root provider, built at the first call (not at start-up: it builds every store a call
        // may need), rather than a handler parameter: that made every call open a DI scope it never used.
        RpcEndpoint? endpoint = null;
        app.Map("/", (HttpContext http) => (endpoint ??= app.ServiceProvider.GetRequiredService<RpcEndpoint>()).HandleAsync(http));
    }

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = RequestIds.New();
        var req = await RpcRequest.ReadAsync(http.Request, http.RequestAborted);
        var format = req.Format;
        ActionDescriptor? action = null;
        Partners.ResolvedCredential? caller = null;
        try
        {
            if (req.BodyTooLarge) throw CommonErrors.RequestTooLarge(RpcRequest.MaxBodyBytes);
            if (req.Method is not ("GET" or "POST")) throw CommonErrors.UnsupportedHttpMethod();
            action = Resolve(req);
            caller = verifier.Verify(req);
            var partner = caller.Partner;
            dueWork.RunFor(partner.Uid);
            var now = clock.NowFor(partner.Uid);
            if (partner.IsExpiredAt(now)) throw CommonErrors.TestAccountExpired(partner.Uid, partner.ExpiresAt!.Value);

            if (faults.Match(action.Product, action.Action, partner.Uid) is { } fault)
            {
                if (fault.DelayMs is > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs.Value), wall.Time, http.RequestAborted);
                if (fault.Code is not null) throw FaultInjector.ToException(fault);
            }

            var parameters = new ActionParameters(req.ApiParameters, ActionCatalog.IgnoresNameCase(action.Product));
            try { ParameterValidator.Validate(action, parameters); }
            catch (ApiException e) when (_parameterErrors.TryGetValue(action.Product, out var own)) { throw own.Translate(e); }
            var handler = registry.Find(action.RoutedVersion!, action.Action)
                ?? throw CommonErrors.NotImplemented(action.Product, action.Version!, action.Action);
            var ctx = new ActionContext(requestId, now, caller, action, parameters, services);
            foreach (var guard in _guards) guard.Check(ctx);
            var body = handler(ctx);
            await ResponseWriter.WriteAsync(http.Response, 200, format, action.Action + "Response", body, requestId);
            Journal(requestId, req, action, caller, 200, "200");
        }
        catch (ApiException e)
        {
            await WriteError(http, req, format, requestId, action, e);
            Journal(requestId, req, action, caller, e.HttpStatus, e.Code, e.Injected, e.StringToSign);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Unhandled error in {Action} ({RequestId})", action?.Key, requestId);
            var ie = CommonErrors.InternalError();
            await WriteError(http, req, format, requestId, action, ie);
            Journal(requestId, req, action, caller, ie.HttpStatus, ie.Code);
        }
    }

    private ActionDescriptor Resolve(RpcRequest req)
    {
        var version = req.VersionName ?? throw CommonErrors.MissingParameter("Version");
        var name = req.ActionName ?? throw CommonErrors.MissingParameter("Action");
        var action = catalog.FindRpc(version, name);
        if (action is null)
            throw catalog.IsKnownVersion(version) ? CommonErrors.InvalidActionNotFound() : CommonErrors.InvalidVersion();
        if (ProductHosts.ProductOf(req.Host) is { } hostProduct && hostProduct != action.Product)
            throw CommonErrors.InvalidActionNotFound(); // that endpoint does not serve this product's API
        return action;
    }

    private static Task WriteError(HttpContext http, RpcRequest req, ResponseFormat format, string requestId, ActionDescriptor? action, ApiException e)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        var product = action?.Product ?? ProductHosts.ProductOf(req.Host) ?? "Emulator";
        var hostId = action?.Host ?? req.Host;
        var body = ResponseWriter.ErrorBody(requestId, hostId, e.Code, e.Message, product);
        return ResponseWriter.WriteAsync(http.Response, e.HttpStatus, format, "Error", body, requestId);
    }

    private void Journal(string requestId, RpcRequest req, ActionDescriptor? action, Partners.ResolvedCredential? caller,
        int status, string code, bool injected = false, string? stringToSign = null)
    {
        var accessKeyId = caller?.AccessKeyId ?? req.Param("AccessKeyId")
            ?? Acs3Signature.ParseAuthorization(req.Header("Authorization") ?? "")?.AccessKeyId;
        // A call refused before authentication still belongs to the partner whose key it names.
        var partner = caller?.Partner.Uid ?? (accessKeyId is null ? null : verifier.Resolve(accessKeyId)?.Partner.Uid);
        journal.Add(new JournalEntry(
            partner is null ? clock.GetUtcNow() : clock.NowFor(partner), wall.UtcNow, partner, accessKeyId,
            action?.Product, action?.Action ?? req.ActionName, status, code, requestId, injected, stringToSign,
            action?.Version ?? req.VersionName, CallParameters(req.ApiParameters)));
    }

    private static List<CallParameter> CallParameters(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var list = new List<CallParameter>(pairs.Count);
        foreach (var (k, v) in pairs) list.Add(new CallParameter(k, v));
        return list;
    }
}
