using System.Globalization;
using System.Text;
using System.Xml.Linq;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// MNS 2015-06-06 queue operations on <c>/queues/{name}[/messages]</c> (shared/reference/AFTER-SALES.md §3). Each partner has one
/// queue, <see cref="Partner.MessageQueue"/>, filled by the emulator with the partner's events; a partner sees no other queue.
/// </summary>
public sealed class MnsEndpoint(
    MnsAuthentication auth, PartnerQueues queues, DueWorkRunner dueWork, VirtualClock clock, WallClock wall,
    FaultInjector faults, RequestJournal journal, ILogger<MnsEndpoint> log)
{
    public const string Product = "MNS";
    public const int MaxWaitSeconds = 30;
    public const int MaxBatch = 16;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.Map("/queues", (HttpContext http, MnsEndpoint e) => e.HandleAsync(http));
        app.Map("/queues/{**rest}", (HttpContext http, MnsEndpoint e) => e.HandleAsync(http));
    }

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Protocol.Responses.RequestIds.NewHex24();
        var req = await MnsRequest.ReadAsync(http);
        var operation = OperationOf(req, out var queueName);
        ResolvedCredential? caller = null;
        try
        {
            if (req.Body.Length > MnsRequest.MaxBodyBytes) throw MnsErrors.InvalidArgument("body", 0, MnsRequest.MaxBodyBytes, "bytes");
            caller = auth.Authenticate(req);
            var partner = caller.Partner;
            dueWork.RunFor(partner.Uid);
            if (faults.Match(Product, operation, partner.Uid) is { } fault)
            {
                if (fault.DelayMs is > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs.Value), wall.Time, http.RequestAborted);
                if (fault.Code is not null) throw FaultInjector.ToException(fault);
            }
            if (queueName is null) throw operation == "ListQueue" ? MnsErrors.NotImplemented(operation) : MnsErrors.InvalidRequestUrl();
            CheckOwner(req, caller, queueName);
            var (status, body) = await RunAsync(operation, req, partner, http.RequestAborted);
            await Write(http, status, body, requestId);
            Journal(requestId, req, caller, operation, status, status < 300 ? status.ToString(CultureInfo.InvariantCulture) : "Errors");
        }
        catch (ApiException e)
        {
            await Write(http, e.HttpStatus, MnsXml.Error(e.Code, e.Message, requestId, HostId(req)), requestId);
            Journal(requestId, req, caller, operation, e.HttpStatus, e.Code, e.Injected, e.StringToSign);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The consumer gave up on its long poll: nothing was received, nothing to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "Unhandled error in MNS {Operation} ({RequestId})", operation, requestId);
            await Write(http, 500, MnsXml.Error("InternalError", "The service encountered an internal error.", requestId, HostId(req)), requestId);
            Journal(requestId, req, caller, operation, 500, "InternalError");
        }
    }

    private async Task<(int Status, string? Body)> RunAsync(string operation, MnsRequest req, Partner partner, CancellationToken ct)
    {
        switch (operation)
        {
            case "ReceiveMessage" or "BatchReceiveMessage":
            {
                var batch = operation == "BatchReceiveMessage";
                var max = batch ? Count(req) : 1;
                var wait = Int(req, "waitseconds", 0, MaxWaitSeconds) ?? 0;
                var got = await queues.ReceiveAsync(partner.Uid, max, TimeSpan.FromSeconds(wait), ct);
                if (got.Count == 0) throw MnsErrors.MessageNotExist();
                return (200, batch ? MnsXml.Messages(got, peek: false) : MnsXml.Message(got[0], peek: false));
            }
            case "PeekMessage" or "BatchPeekMessage":
            {
                var batch = operation == "BatchPeekMessage";
                var got = queues.Peek(partner.Uid, batch ? Count(req) : 1);
                if (got.Count == 0) throw MnsErrors.MessageNotExist();
                return (200, batch ? MnsXml.Messages(got, peek: true) : MnsXml.Message(got[0], peek: true));
            }
            case "DeleteMessage":
            {
                var handle = req.Param("ReceiptHandle");
                if (string.IsNullOrEmpty(handle)) throw MnsErrors.MissingReceiptHandle();
                Throw(queues.Delete(partner.Uid, handle));
                return (204, null);
            }
            case "BatchDeleteMessage":
                return BatchDelete(req, partner);
            case "ChangeMessageVisibility":
            {
                var handle = req.Param("ReceiptHandle");
                if (string.IsNullOrEmpty(handle)) throw MnsErrors.MissingReceiptHandle();
                // The doc's range is 1..43200; the Python SDK lets 0 through and the emulator accepts it ("visible now") [I].
                var seconds = Int(req, "VisibilityTimeout", 0, 43200) ?? throw MnsErrors.MissingVisibilityTimeout();
                var (outcome, m) = queues.ChangeVisibility(partner.Uid, handle, seconds);
                Throw(outcome);
                return (200, MnsXml.ChangeVisibility(m!.ReceiptHandle!, m.NextVisibleTime));
            }
            case "GetQueueAttributes":
            {
                var (active, inactive) = queues.Counts(partner.Uid);
                return (200, MnsXml.QueueAttributes(partner.MessageQueue, new DateTimeOffset(DateTime.SpecifyKind(partner.CreatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(), active, inactive));
            }
            default:
                throw MnsErrors.NotImplemented(operation);
        }
    }

    /// <summary>204 when every handle was deleted; otherwise 404 with one <c>Error</c> per refused handle [I: the status], the others deleted.</summary>
    private (int, string?) BatchDelete(MnsRequest req, Partner partner)
    {
        XDocument doc;
        try { doc = XDocument.Parse(Encoding.UTF8.GetString(req.Body)); }
        catch (System.Xml.XmlException e) { throw MnsErrors.MalformedXml(e.Message); }
        if (doc.Root?.Name.LocalName != "ReceiptHandles") throw MnsErrors.MalformedXml("The root element must be ReceiptHandles.");
        var handles = doc.Root.Elements().Where(e => e.Name.LocalName == "ReceiptHandle").Select(e => e.Value.Trim()).ToList();
        if (handles.Count == 0) throw MnsErrors.MissingReceiptHandle();
        if (handles.Count > MaxBatch) throw MnsErrors.InvalidArgument("ReceiptHandles", 1, MaxBatch, "items");
        var errors = new List<(string, string, string)>();
        foreach (var h in handles)
        {
            var outcome = queues.Delete(partner.Uid, h);
            if (outcome == HandleOutcome.Malformed) errors.Add((h, "ReceiptHandleError", MnsErrors.ReceiptHandleError().Message));
            else if (outcome == HandleOutcome.NotExist) errors.Add((h, "MessageNotExist", MnsErrors.MessageNotExist().Message));
        }
        return errors.Count == 0 ? (204, null) : (404, MnsXml.BatchDeleteErrors(errors));
    }

    private static void Throw(HandleOutcome outcome)
    {
        if (outcome == HandleOutcome.Malformed) throw MnsErrors.ReceiptHandleError();
        if (outcome == HandleOutcome.NotExist) throw MnsErrors.MessageNotExist();
    }

    /// <summary>
    /// A partner reads only its own queue. An account id in the host (the SDK's default endpoint) must be the caller's [I: 403
    /// AccessDenied]; any other queue name does not exist in the caller's account. A customer's STS credentials act as the
    /// customer, whose account has no such queue either.
    /// </summary>
    private static void CheckOwner(MnsRequest req, ResolvedCredential caller, string queueName)
    {
        if (MnsAuthentication.AccountInHost(req.Host) is { } account && account != caller.Partner.Uid)
            throw MnsErrors.AccessDenied($"The account {account} in the host is not the caller's.");
        if (caller.CustomerUid is { Length: > 0 })
            throw MnsErrors.AccessDenied("STS credentials of a customer's role cannot read the partner's queue.");
        if (!string.Equals(queueName, caller.Partner.MessageQueue, StringComparison.Ordinal)) throw MnsErrors.QueueNotExist();
    }

    /// <summary>The operation the method, path and query name (the SDKs' own mapping, e.g. @alicloud/mns lib/client.js).</summary>
    private static string OperationOf(MnsRequest req, out string? queueName)
    {
        queueName = null;
        var parts = req.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1) return req.Method == "GET" ? "ListQueue" : "Unknown";
        if (parts.Length is < 2 or > 3 || parts[0] != "queues" || (parts.Length == 3 && parts[2] != "messages")) return "Unknown";
        queueName = Uri.UnescapeDataString(parts[1]);
        if (parts.Length == 2)
            return req.Method switch
            {
                "GET" => "GetQueueAttributes",
                "PUT" => req.Param("metaoverride") is not null ? "SetQueueAttributes" : "CreateQueue",
                "DELETE" => "DeleteQueue",
                _ => "Unknown",
            };
        var batch = req.Param("numOfMessages") is not null;
        var peek = string.Equals(req.Param("peekonly"), "true", StringComparison.OrdinalIgnoreCase);
        return req.Method switch
        {
            "GET" when peek => batch ? "BatchPeekMessage" : "PeekMessage",
            "GET" => batch ? "BatchReceiveMessage" : "ReceiveMessage",
            "DELETE" => req.Param("ReceiptHandle") is not null ? "DeleteMessage" : "BatchDeleteMessage",
            "PUT" => "ChangeMessageVisibility",
            "POST" => "SendMessage",
            _ => "Unknown",
        };
    }

    private static int Count(MnsRequest req) => Int(req, "numOfMessages", 1, MaxBatch) ?? MaxBatch;

    private static int? Int(MnsRequest req, string name, int low, int high)
    {
        var raw = req.Param(name);
        if (raw is null) return null;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < low || v > high)
            throw MnsErrors.InvalidArgument(name, low, high);
        return v;
    }

    private static string HostId(MnsRequest req) => "http://" + req.Host;

    private static async Task Write(HttpContext http, int status, string? body, string requestId)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        http.Response.Headers["x-mns-request-id"] = requestId;
        http.Response.Headers["x-mns-version"] = "2015-06-06";
        if (body is null) return;
        http.Response.ContentType = "text/xml;charset=utf-8";
        await http.Response.WriteAsync(body, Encoding.UTF8);
    }

    /// <summary>Queue calls appear in <c>/_emulator/…/requests</c> as product "MNS", like any RPC call.</summary>
    private void Journal(string requestId, MnsRequest req, ResolvedCredential? caller, string operation, int status, string code,
        bool injected = false, string? stringToSign = null)
    {
        var accessKeyId = caller?.AccessKeyId ?? MnsAuthentication.AccessKeyIdOf(req);
        var partner = caller?.Partner.Uid ?? (accessKeyId is null ? null : auth.Resolve(accessKeyId)?.Partner.Uid);
        journal.Add(new JournalEntry(partner is null ? clock.GetUtcNow() : clock.NowFor(partner), wall.UtcNow, partner, accessKeyId,
            Product, operation, status, code, requestId, injected, stringToSign));
    }
}
