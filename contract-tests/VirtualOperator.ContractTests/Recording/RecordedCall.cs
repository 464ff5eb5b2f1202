using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>One exchange a test made through the recording proxy, reduced to what a replay needs.</summary>
public sealed record RecordedCall(
    string TestId, int Call, string Method, string? Action, CallStyle Style, string RequestSummary,
    int Status, string? ContentType, string? RequestIdHeader, string Body, string? Fingerprint = null);

public enum CallStyle { V3, V1Query, V1Form }

/// <summary>Turns recorded calls into WireMock.Net mappings (the JSON the WireMock admin API and <c>WithMapping</c> read).</summary>
public static class ReplayMappings
{
    public static JsonArray For(IEnumerable<RecordedCall> calls) => new(calls.OrderBy(c => c.Call).Select(Mapping).ToArray());

    public static JsonNode Mapping(RecordedCall c)
    {
        var headers = new JsonArray(Exact(TestCallHeaders.TestHeader, c.TestId), Exact(TestCallHeaders.CallHeader, c.Call.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var request = new JsonObject
        {
            ["Path"] = new JsonObject { ["Matchers"] = new JsonArray(Matcher("ExactMatcher", "/")) },
            ["Methods"] = new JsonArray(c.Method),
            ["Headers"] = headers,
        };
        // The call must send the same parameters as recorded (minus signature, nonce, timestamp and keys).
        if (c.Fingerprint is { } fingerprint) headers.Add(Exact(RequestFingerprint.Header, fingerprint));
        // The call must also be the same action as recorded, wherever its wire form puts the action.
        if (c.Action is { } action)
            switch (c.Style)
            {
                case CallStyle.V3: headers.Add(Exact("x-acs-action", action)); break;
                case CallStyle.V1Query: request["Params"] = new JsonArray(Exact("Action", action)); break;
                case CallStyle.V1Form: request["Body"] = new JsonObject { ["Matcher"] = Matcher("RegexMatcher", $"(^|&)Action={System.Text.RegularExpressions.Regex.Escape(action)}(&|$)") }; break;
            }

        var responseHeaders = new JsonObject();
        if (c.ContentType is { } ct) responseHeaders["Content-Type"] = ct;
        if (c.RequestIdHeader is { } rid) responseHeaders["x-acs-request-id"] = rid;
        return new JsonObject
        {
            ["Guid"] = StableGuid(c.TestId + "#" + c.Call).ToString(),
            ["Title"] = $"{c.TestId} #{c.Call} {c.Action}",
            ["Description"] = c.RequestSummary,
            ["Priority"] = 1,
            ["Request"] = request,
            ["Response"] = new JsonObject { ["StatusCode"] = c.Status, ["Headers"] = responseHeaders, ["Body"] = c.Body },
        };
    }

    private static JsonObject Exact(string name, string value) =>
        new() { ["Name"] = name, ["Matchers"] = new JsonArray(Matcher("ExactMatcher", value)) };

    private static JsonObject Matcher(string name, string pattern) => new() { ["Name"] = name, ["Pattern"] = pattern };

    /// <summary>The same test and call number give the same mapping id, so re-recording shows as a small diff.</summary>
    private static Guid StableGuid(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes(key)));
}
