using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.Bench;

public sealed record PartnerKeys(string Uid, string AccessKeyId, string Secret);

/// <summary>State the scenarios need, made through the emulator's own surfaces: partners through the control
/// plane, customers through signed <c>CreateAgAccount</c> calls.</summary>
public static class EmulatorSetup
{
    public static async Task<PartnerKeys> CreatePartnerAsync(Uri emulator, bool testAccount)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        var resp = await http.PostAsJsonAsync("/_emulator/partners", new { testAccount });
        resp.EnsureSuccessStatusCode();
        var o = (await resp.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PartnerKeys(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
    }

    public static SignedRequests Signer(Uri emulator, PartnerKeys keys) => new(emulator, keys.AccessKeyId, keys.Secret);

    /// <summary>A CreateAgAccount call with a login e-mail unique to this run and sequence number.</summary>
    public static HttpRequestMessage CreateCustomer(SignedRequests signer, string tag, long n) =>
        signer.V3("CreateAgAccount", [new("LoginEmail", $"c{n}-{tag}@bench.example.com")]);

    /// <summary>Creates <paramref name="count"/> customers through the same load loop (8 connections).</summary>
    public static async Task<LoadResult> AddCustomersAsync(Uri emulator, PartnerKeys keys, long count, string tag)
    {
        var signer = Signer(emulator, keys);
        var result = await LoadGenerator.RunAsync(Math.Min(8, (int)Math.Max(1, count)), TimeSpan.Zero, TimeSpan.FromHours(1), count,
            n => CreateCustomer(signer, tag, n), CheckSuccess);
        if (result.Errors > 0 || result.Requests != count)
            throw new InvalidOperationException($"Seeding {count} customers: {result.Requests} sent, {result.Errors} failed: {result.FirstError}");
        return result;
    }

    /// <summary>The emulator answers 200 only for success, but a body check costs nothing and catches a stub.</summary>
    public static string? CheckSuccess(HttpResponseMessage resp, byte[] body) =>
        body.AsSpan().IndexOf("\"Success\":true"u8) >= 0 ? null : "not a success body: " + System.Text.Encoding.UTF8.GetString(body);

    public static async Task<byte[]> CaptureAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient();
        using var resp = await http.SendAsync(request);
        var body = await resp.Content.ReadAsByteArrayAsync();
        if (!resp.IsSuccessStatusCode) throw new InvalidOperationException($"{request.RequestUri}: {(int)resp.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }
}
