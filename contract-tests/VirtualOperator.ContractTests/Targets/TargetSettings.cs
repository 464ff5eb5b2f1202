using VirtualOperator.ContractTests.Client;

using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>
/// Every environment variable the suite reads, in one place (documented in docs/contract-tests.md).
/// Reading them is separate from acting on them so a missing setting fails before any call is made.
/// </summary>
public sealed record TargetSettings
{
    public const string TargetVar = "VO_TARGET";
    public const string EmulatorUrlVar = "EMULATOR_URL";
    public const string AccessKeyIdVar = "VO_REAL_ACCESS_KEY_ID";
    public const string AccessKeySecretVar = "VO_REAL_ACCESS_KEY_SECRET";
    public const string SecurityTokenVar = "VO_REAL_SECURITY_TOKEN";
    public const string AccountUidVar = "VO_REAL_ACCOUNT_UID";
    public const string EndpointVarPrefix = "VO_REAL_ENDPOINT_";
    /// <summary>One address for every product (a stand-in for the real cloud); a per-product variable still wins.</summary>
    public const string AllEndpointsVar = "VO_REAL_ENDPOINT";
    public const string AllowCostVar = "VO_ALLOW_COST";

    public TargetKind Kind { get; init; }
    public Uri? EmulatorUrl { get; init; }
    public AcsCredentials? RealCredentials { get; init; }
    public string? RealAccountUid { get; init; }
    /// <summary>Per product: the real endpoint base (https://business.aliyuncs.com unless overridden).</summary>
    public IReadOnlyDictionary<string, Uri> RealEndpoints { get; init; } = new Dictionary<string, Uri>();
    /// <summary>Which cost classes may run against the real cloud (<c>VO_ALLOW_COST=customers,money</c> or <c>all</c>).</summary>
    public CostAllowance AllowCost { get; init; }

    public static TargetSettings FromEnvironment() =>
        From(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value));

    /// <exception cref="TargetConfigurationException">A setting the chosen target needs is missing or malformed.</exception>
    public static TargetSettings From(IReadOnlyDictionary<string, string?> env)
    {
        string? Get(string name) => env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var kind = Get(TargetVar)?.ToLowerInvariant() switch
        {
            null or "inprocess" or "in-process" => TargetKind.InProcess,
            "url" => TargetKind.Url,
            "real" => TargetKind.Real,
            "replay" => TargetKind.Replay,
            var other => throw new TargetConfigurationException($"{TargetVar}=\"{other}\" is not a target; set it to inprocess, url, real or replay."),
        };
        var settings = new TargetSettings { Kind = kind, AllowCost = CostAllowanceParser.Parse(Get(AllowCostVar)) };

        if (kind == TargetKind.Url)
        {
            var url = Get(EmulatorUrlVar)
                ?? throw new TargetConfigurationException($"{TargetVar}=url needs {EmulatorUrlVar}: set it to the emulator's base address, e.g. {EmulatorUrlVar}=http://127.0.0.1:4590");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new TargetConfigurationException($"{EmulatorUrlVar}=\"{url}\" is not an http(s) address, e.g. http://127.0.0.1:4590");
            return settings with { EmulatorUrl = uri };
        }
        if (kind != TargetKind.Real) return settings;

        var missing = new[] { AccessKeyIdVar, AccessKeySecretVar, AccountUidVar }.Where(n => Get(n) is null).ToList();
        if (missing.Count > 0)
            throw new TargetConfigurationException(
                $"{TargetVar}=real needs a real test account; set {string.Join(", ", missing)} " +
                $"({AccessKeyIdVar} and {AccessKeySecretVar}: an AccessKey of the reseller test account, {AccountUidVar}: its account uid; " +
                $"optional: {SecurityTokenVar} for STS keys, {EndpointVarPrefix}<PRODUCT> (e.g. {EndpointVarPrefix}BSSOPENAPI) to override an endpoint, " +
                $"{AllowCostVar}=customers,money to allow tests that consume customers or spend money).");
        var endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in ProductHosts.Products)
        {
            var name = EndpointVarPrefix + product.ToUpperInvariant();
            var value = Get(name) ?? Get(AllEndpointsVar) ?? "https://" + ProductHosts.PublicHost(product);
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
                throw new TargetConfigurationException($"{name}=\"{value}\" is not an absolute address, e.g. https://{ProductHosts.PublicHost(product)}");
            endpoints[product] = uri;
        }
        return settings with
        {
            RealCredentials = new AcsCredentials(Get(AccessKeyIdVar)!, Get(AccessKeySecretVar)!, Get(SecurityTokenVar)),
            RealAccountUid = Get(AccountUidVar),
            RealEndpoints = endpoints,
        };
    }
}

/// <summary>The suite is configured wrong for the chosen target; the message says what to set.</summary>
public sealed class TargetConfigurationException(string message) : Exception(message);
