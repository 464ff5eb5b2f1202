namespace VirtualOperator.Emulator.ControlPlane;

// The bodies the control plane answers (camelCase on the wire), typed so the OpenAPI document describes them.

/// <summary>Every control-plane error: <c>{"error": "..."}</c> with a 4xx.</summary>
public sealed record ControlError(string Error);

public sealed record HealthView(string Status, string Version, string Now);

/// <param name="Now">Virtual now, ISO-8601.</param>
/// <param name="OffsetSeconds">Distance from wall time.</param>
public sealed record ClockReading(string Now, long OffsetSeconds);

public sealed record PartnerView(
    string Uid, string Name, string AccessKeyId, string AccessKeySecret, bool TestAccount, string CreatedAt, string? ExpiresAt, string MessageQueue);

/// <summary>What was reset: a partner uid, or "all".</summary>
public sealed record ResetDone(string Reset);

/// <summary>One signed call of the request journal; <see cref="StringToSign"/> is the server's, on a refused signature.</summary>
public sealed record JournalCall(
    string Time, string WallTime, string? Partner, string? AccessKeyId, string? Product, string? Action, int HttpStatus,
    string Code, string RequestId, bool Injected, string? StringToSign);

public sealed record CatalogEntry(
    string Product, string? Version, string Action, string Group, string Style, bool Implemented, string Params, string Response);
