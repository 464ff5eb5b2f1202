using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>The emulator's unsigned <c>/_emulator/*</c> API (DESIGN.md, control plane). Only emulator targets have one.</summary>
public sealed class ControlPlane(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Creates an isolated partner: its own customers, clock, journal and faults.</summary>
    public async Task<EmulatorPartner> CreatePartnerAsync(bool testAccount = true, string? name = null)
    {
        var o = await PostAsync("/_emulator/partners", new { name, testAccount });
        return new EmulatorPartner(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
    }

    /// <summary>Moves one partner's virtual clock forward; what falls due happens.</summary>
    public Task<JsonObject> AdvanceClockAsync(string partnerUid, TimeSpan by) =>
        PostAsync($"/_emulator/partners/{partnerUid}/clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonObject> ClockAsync(string partnerUid) => GetAsync($"/_emulator/partners/{partnerUid}/clock");

    /// <summary>Makes matching calls of one partner fail (or, with only <c>delayMs</c>, slow down).</summary>
    public Task<JsonObject> AddFaultAsync(string partnerUid, string code, int httpStatus, string? action = null, string? product = null, int? count = null, int? after = null, int? delayMs = null) =>
        PostAsync($"/_emulator/partners/{partnerUid}/faults", new { action, product, code, httpStatus, count, after, delayMs });

    public async Task<JsonArray> RequestsAsync(string partnerUid, int limit = 100) =>
        (await http.GetFromJsonAsync<JsonArray>($"/_emulator/partners/{partnerUid}/requests?limit={limit}"))!;

    /// <summary>Any control-plane GET answering a JSON object (product teams add their own routes).</summary>
    public async Task<JsonObject> GetAsync(string path)
    {
        using var resp = await http.GetAsync(path);
        return await ReadAsync(resp, "GET", path);
    }

    /// <summary>Any control-plane POST with a JSON body answering a JSON object.</summary>
    public async Task<JsonObject> PostAsync(string path, object? body = null)
    {
        using var resp = await http.PostAsJsonAsync(path, body ?? new { });
        return await ReadAsync(resp, "POST", path);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage resp, string method, string path)
    {
        var text = await resp.Content.ReadAsStringAsync();
        if (!resp.IsSuccessStatusCode)
            throw new InvalidOperationException($"Control plane {method} {path} answered {(int)resp.StatusCode}: {text}");
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Control plane {method} {path} answered no JSON object: {text}");
    }
}

public sealed record EmulatorPartner(string Uid, string AccessKeyId, string AccessKeySecret);
