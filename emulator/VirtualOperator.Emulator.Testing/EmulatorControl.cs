using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtualOperator.Emulator.Testing;

/// <summary>
/// Typed calls to the control plane (<c>/_emulator/*</c>), for one partner (<see cref="EmulatorPartner.Control"/>) or
/// for every partner (<see cref="EmulatorServer.Control"/>). Writes are JSON, as the control plane requires; a 4xx
/// answer throws <see cref="EmulatorControlException"/> with the emulator's <c>error</c> message.
/// </summary>
public sealed class EmulatorControl(HttpClient http, string? partnerUid)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal HttpClient Http => http;

    /// <summary>The partner this control acts on, or null for every partner.</summary>
    public string? PartnerUid => partnerUid;

    private string Scope => partnerUid is null ? "_emulator" : $"_emulator/partners/{partnerUid}";

    // Clock.

    /// <summary>Virtual now (the partner's, or the global one).</summary>
    public Task<ClockReading> NowAsync() => GetAsync<ClockReading>($"{Scope}/clock");

    /// <summary>Moves time forward; whatever falls due (renewals, expiries, releases) is applied before this returns.</summary>
    public Task<ClockReading> AdvanceAsync(TimeSpan by) => PostAsync<ClockReading>($"{Scope}/clock/advance", new { seconds = by.TotalSeconds });

    /// <summary>Sets virtual now (refused when that goes back past events already applied).</summary>
    public Task<ClockReading> SetNowAsync(DateTimeOffset now) => PostAsync<ClockReading>($"{Scope}/clock/set", new { now });

    /// <summary>When the earliest scheduled step (renewal, expiry, release, metered hour, ICP review) falls due.</summary>
    public Task<NextDue> NextDueAsync() => GetAsync<NextDue>($"{Scope}/clock/next-due");

    /// <summary>Moves time exactly to the next scheduled step and applies it; throws (409) when nothing is scheduled.</summary>
    public Task<ClockReading> AdvanceToNextDueAsync() => PostAsync<ClockReading>($"{Scope}/clock/advance-to-next-due", new { });

    // Faults.

    /// <summary>Adds a fault rule (for a partner control, scoped to that partner).</summary>
    public Task<FaultRule> AddFaultAsync(FaultSpec fault) => PostAsync<FaultRule>($"{Scope}/faults", fault);

    public Task<IReadOnlyList<FaultRule>> FaultsAsync() => GetAsync<IReadOnlyList<FaultRule>>($"{Scope}/faults");

    public async Task ClearFaultsAsync() => await EnsureOk(await http.DeleteAsync($"{Scope}/faults"));

    // Journal.

    /// <summary>Recent signed calls, newest first (a refused signature carries the server's string-to-sign).</summary>
    public Task<IReadOnlyList<JournalCall>> JournalAsync(int limit = 100) => GetAsync<IReadOnlyList<JournalCall>>($"{Scope}/requests?limit={limit}");

    /// <summary>A journalled RPC call as a signed curl command and a <c>@alicloud/pop-core</c> snippet that make it again.</summary>
    public Task<CallRecipe> RecipeAsync(string requestId)
    {
        if (partnerUid is null) throw new InvalidOperationException("A recipe is signed with a partner's key: use the partner's control.");
        return GetAsync<CallRecipe>($"{Scope}/requests/{Uri.EscapeDataString(requestId)}/recipe");
    }

    // State.

    /// <summary>Wipes the partner's state (or, globally, every partner's); the partner and its keys stay.</summary>
    public Task ResetAsync() => PostAsync<JsonElement>($"{Scope}/reset", new { });

    /// <summary>The partner's whole world as a repro bundle (JSON text, what <c>scripts/repro.sh export</c> saves).</summary>
    public async Task<string> ExportBundleAsync()
    {
        if (partnerUid is null) throw new InvalidOperationException("A bundle is one partner's: use the partner's control.");
        var r = await http.GetAsync($"{Scope}/bundle");
        await EnsureOk(r);
        return await r.Content.ReadAsStringAsync();
    }

    /// <summary>Loads a repro bundle; a partner of the same uid is replaced only with <paramref name="replace"/>.</summary>
    public async Task<BundleImported> ImportBundleAsync(string bundleJson, bool replace = false)
    {
        var r = await http.PostAsync($"_emulator/bundles{(replace ? "?replace=true" : "")}", new StringContent(bundleJson, Encoding.UTF8, "application/json"));
        await EnsureOk(r);
        return (await r.Content.ReadFromJsonAsync<BundleImported>(Json))!;
    }

    private async Task<T> GetAsync<T>(string path)
    {
        var r = await http.GetAsync(path);
        await EnsureOk(r);
        return (await r.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private async Task<T> PostAsync<T>(string path, object body)
    {
        var r = await http.PostAsJsonAsync(path, body, Json);
        await EnsureOk(r);
        return (await r.Content.ReadFromJsonAsync<T>(Json))!;
    }

    internal static async Task EnsureOk(HttpResponseMessage r)
    {
        if (r.IsSuccessStatusCode) return;
        var text = await r.Content.ReadAsStringAsync();
        string? error = null;
        try { error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { }
        throw new EmulatorControlException((int)r.StatusCode, error ?? text);
    }
}

/// <summary>A control-plane call refused with a 4xx/5xx; <see cref="Exception.Message"/> is the emulator's <c>error</c>.</summary>
public sealed class EmulatorControlException(int status, string message) : Exception($"HTTP {status}: {message}")
{
    public int Status { get; } = status;
}

/// <summary>The clock; after a move, <see cref="FellDue"/> lists the partner events the move's due work recorded.</summary>
public sealed record ClockReading(DateTimeOffset Now, long OffsetSeconds, IReadOnlyList<FellDueEvent>? FellDue = null);

public sealed record FellDueEvent(string Partner, DateTimeOffset Time, string EventType, string MessageId, string MessageBody);

/// <summary><see cref="NextDueAt"/> is null when nothing is scheduled.</summary>
public sealed record NextDue(DateTimeOffset Now, DateTimeOffset? NextDueAt, long? SecondsUntil);

public sealed record CallRecipe(string RequestId, string Action, string Version, string Curl, string SdkName, string Sdk);

/// <summary>A fault to inject: matching calls skip <see cref="After"/>, then fail <see cref="Count"/> times with <see cref="Code"/>
/// (or, with <see cref="DelayMs"/> and no code, are only delayed).</summary>
public sealed record FaultSpec(
    string? Code = null, int? HttpStatus = null, string? Action = null, string? Product = null, string? Message = null,
    int? Count = null, int? After = null, int? DelayMs = null);

public sealed record FaultRule(
    string Id, string? Action, string? Product, string? Partner, string? Code, string? Message, int? HttpStatus,
    int? Count, int? After, int? DelayMs, int Seen, int Fired);

public sealed record JournalCall(
    DateTimeOffset Time, DateTimeOffset WallTime, string? Partner, string? AccessKeyId, string? Product, string? Action,
    int HttpStatus, string Code, string RequestId, bool Injected, string? StringToSign, string? Version = null,
    IReadOnlyList<CallParameter>? Parameters = null);

public sealed record CallParameter(string Name, string Value);

public sealed record BundleImported(string PartnerUid, bool Replaced, int SchemaVersion, int? MigratedFrom, Dictionary<string, int> Documents);

/// <summary>What <c>POST /_emulator/partners</c> answers.</summary>
public sealed record PartnerCredentials(
    string Uid, string Name, string AccessKeyId, string AccessKeySecret, bool TestAccount, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, string MessageQueue);
