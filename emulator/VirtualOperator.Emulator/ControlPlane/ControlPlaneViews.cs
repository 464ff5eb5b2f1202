namespace VirtualOperator.Emulator.ControlPlane;

// The bodies the control plane answers (camelCase on the wire), typed so the OpenAPI document describes them.

/// <summary>Every control-plane error: <c>{"error": "..."}</c> with a 4xx.</summary>
public sealed record ControlError(string Error);

public sealed record HealthView(string Status, string Version, string Now);

/// <summary><see cref="HealthView"/>'s JSON, generated at build time: the health check ahead of routing answers with it, so
/// the start-up probe does not wait for the reflection serializer to build its first contract (docs/performance.md,
/// "Start-up, second pass"). Same options as the routes' (web defaults: camelCase).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthView))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <param name="Now">Virtual now, ISO-8601.</param>
/// <param name="OffsetSeconds">Distance from wall time.</param>
public sealed record ClockReading(string Now, long OffsetSeconds);

/// <summary>The clock after a move (the fields of <see cref="ClockReading"/>) and what fell due: the partner events its due work recorded.</summary>
public sealed record ClockMoved(string Now, long OffsetSeconds, List<FellDueEvent> FellDue);

/// <param name="Now">Virtual now of the clock asked about.</param>
/// <param name="NextDueAt">When the earliest scheduled step falls due on that clock; null when nothing is scheduled.</param>
/// <param name="SecondsUntil">How far <c>advance-to-next-due</c> would move (whole seconds, rounded up; 0 when one is due already).</param>
public sealed record NextDueReading(string Now, string? NextDueAt, long? SecondsUntil);

public sealed record PartnerView(
    string Uid, string Name, string AccessKeyId, string AccessKeySecret, bool TestAccount, string CreatedAt, string? ExpiresAt, string MessageQueue);

/// <summary>What was reset: a partner uid, or "all".</summary>
public sealed record ResetDone(string Reset);

/// <summary>One signed call of the request journal; <see cref="StringToSign"/> is the server's, on a refused signature;
/// <see cref="Parameters"/> are an RPC call's API parameters (the signature's common ones left out).</summary>
public sealed record JournalCall(
    string Time, string WallTime, string? Partner, string? AccessKeyId, string? Product, string? Action, int HttpStatus,
    string Code, string RequestId, bool Injected, string? StringToSign, string? Version = null, List<Protocol.Pipeline.CallParameter>? Parameters = null);

public sealed record CatalogEntry(
    string Product, string? Version, string Action, string Group, string Style, bool Implemented, string Params, string Response);
