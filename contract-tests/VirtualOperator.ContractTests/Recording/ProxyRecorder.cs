using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// Recording against the real account (<c>VO_RECORD=1</c>): every product endpoint is fronted by a WireMock.Net
/// proxy; after each test its exchanges are scrubbed and written as that test's replay mappings.
/// The real account uid is replaced by <see cref="ReplayAccount.Uid"/> so replays agree with the fixture.
/// </summary>
/// <param name="replayDir">Where mappings go; default fixtures/replay (or <c>VO_REPLAY_DIR</c>).</param>
public sealed class ProxyRecorder(IReadOnlyDictionary<string, Uri> realEndpoints, string? accountUid, SecretScrubber scrubber, string? replayDir = null)
    : IAcsEndpoints, IDisposable
{
    public const string RecordVar = "VO_RECORD";

    private readonly ConcurrentDictionary<string, Lazy<WireMockServer>> _proxies = new(StringComparer.OrdinalIgnoreCase);

    public static bool Enabled => Environment.GetEnvironmentVariable(RecordVar) == "1";

    /// <summary>The proxy in front of a product's real endpoint, started on first use.</summary>
    public AcsEndpoint For(string product)
    {
        var host = ProductHosts.PublicHost(product);
        var real = realEndpoints.TryGetValue(product, out var r) ? r : new Uri("https://" + host);
        var proxy = _proxies.GetOrAdd(product, _ => new Lazy<WireMockServer>(() => LoopbackWireMock.Start(new WireMockServerSettings
        {
            ProxyAndRecordSettings = new ProxyAndRecordSettings { Url = real.ToString().TrimEnd('/'), SaveMapping = false, SaveMappingToFile = false },
        }))).Value;
        // The request signs the host the proxy will present upstream: the real endpoint's own.
        return new AcsEndpoint(new Uri(proxy.Urls[0]), real.IsDefaultPort ? real.Host : real.Authority);
    }

    /// <summary>Writes the finished test's exchanges as its replay mappings (and its data tag).</summary>
    public void Flush(TestContext test)
    {
        var calls = _proxies.Values.Where(p => p.IsValueCreated).SelectMany(p => p.Value.LogEntries)
            .Select(e => ToCall(e)).OfType<RecordedCall>().Where(c => c.TestId == test.Id).OrderBy(c => c.Call).ToList();
        if (calls.Count == 0) return;

        var path = ReplayFiles.PathFor(test.ClassName, test.MethodName, replayDir);
        var text = scrubber.Scrub(ReplayMappings.For(calls).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) + "\n";
        scrubber.AssertClean(text, path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        ReplayFiles.WriteTag(test.Id, Environment.GetEnvironmentVariable(TestData.RunTagVar), replayDir);
        ReplayFiles.WriteSource(test.Id, ReplayFiles.CurrentSource, replayDir);
    }

    private RecordedCall? ToCall(ILogEntry entry)
    {
        var req = entry.RequestMessage;
        string? Header(IDictionary<string, WireMock.Types.WireMockList<string>>? headers, string name) =>
            headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (Header(req.Headers, TestCallHeaders.TestHeader) is not { } testId || !int.TryParse(Header(req.Headers, TestCallHeaders.CallHeader), out var call))
            return null;

        var v3Action = Header(req.Headers, "x-acs-action");
        var body = req.Body ?? "";
        var form = body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
        var (style, action) = v3Action is not null ? (CallStyle.V3, v3Action)
            : req.Query?.TryGetValue("Action", out var qa) == true ? (CallStyle.V1Query, qa.FirstOrDefault())
            : (CallStyle.V1Form, form.GetValueOrDefault("Action"));

        var resp = entry.ResponseMessage;
        var responseBody = resp.BodyData?.BodyAsString
            ?? (resp.BodyData?.BodyAsBytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null)
            ?? (resp.BodyData?.BodyAsJson is { } json ? JsonSerializer.Serialize(json) : "");
        if (accountUid is not null) responseBody = responseBody.Replace(accountUid, ReplayAccount.Uid, StringComparison.Ordinal);

        string Uid(string? text) => accountUid is null || text is null ? text ?? "" : text.Replace(accountUid, ReplayAccount.Uid, StringComparison.Ordinal);
        var isForm = Header(req.Headers, "Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var fingerprint = RequestFingerprint.Of(req.Method, Uid(req.RawQuery), isForm ? Uid(body) : null, v3Action);

        var status = Convert.ToInt32(resp.StatusCode ?? 200, System.Globalization.CultureInfo.InvariantCulture);
        var summary = $"{req.Method} {req.Path}{req.RawQuery} {(v3Action is null ? "" : "x-acs-action=" + v3Action + " ")}{body}".Trim();
        if (accountUid is not null) summary = summary.Replace(accountUid, ReplayAccount.Uid, StringComparison.Ordinal);
        return new RecordedCall(testId, call, req.Method, action, style, summary, status,
            Header(resp.Headers, "Content-Type"), Header(resp.Headers, "x-acs-request-id"), responseBody, fingerprint);
    }

    public void Dispose()
    {
        foreach (var p in _proxies.Values.Where(p => p.IsValueCreated)) p.Value.Stop();
    }
}
