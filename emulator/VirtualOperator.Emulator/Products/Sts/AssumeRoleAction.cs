using System.Text.Json;
using System.Text.RegularExpressions;
using VirtualOperator.Emulator.Api.Sts;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Sts;

/// <summary>STS 2015-04-01: a partner assumes the admin role of one of its customers.</summary>
internal static partial class AssumeRoleAction
{
    /// <summary>Documented range: 900 s to the role's MaxSessionDuration; a customer's admin role keeps the default 3600.</summary>
    public const int MinDurationSeconds = 900;
    public const int MaxDurationSeconds = 3600;
    public const int DefaultDurationSeconds = 3600;

    [GeneratedRegex(@"^acs:ram::(?<account>\d+):role/(?<role>[A-Za-z0-9.\-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    /// <summary>Documented format <c>[\w.@-]</c>, 2 to 64 characters.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.@\-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    [Action(StsServices.Product, StsServices.Version, "AssumeRole")]
    public static object AssumeRole(ActionContext ctx)
    {
        var req = AssumeRoleRequest.Of(ctx);
        var arn = req.RoleArn;
        var sessionName = req.RoleSessionName;
        var duration = req.DurationSeconds ?? DefaultDurationSeconds;
        var policy = req.Policy;

        var m = RoleArnPattern().Match(arn);
        if (!m.Success) throw StsErrors.RoleArnMalformed();
        if (!SessionNamePattern().IsMatch(sessionName)) throw StsErrors.RoleSessionNameMalformed();
        if (duration is < MinDurationSeconds or > MaxDurationSeconds) throw StsErrors.DurationOutOfRange();
        if (policy is not null && !IsPolicyDocument(policy)) throw StsErrors.PolicyGrammar();

        var account = m.Groups["account"].Value;
        var roleName = m.Groups["role"].Value;
        // The admin role trusts the partner only; a customer's own STS session may re-assume its own role (role chaining).
        if (ctx.Get<CustomerScope>().Judge(ctx, account).Verdict is not ScopeVerdict.Mine) throw StsErrors.NoPermission();
        var customer = ctx.Get<CustomerStore>().Get(account)!;
        if (!string.Equals(roleName, customer.RamAdminRoleName, StringComparison.OrdinalIgnoreCase)) throw StsErrors.RoleNotExist(arn);

        var roleId = StsKeys.RoleId(customer.Id, customer.RamAdminRoleName);
        var credential = new StsCredential
        {
            Id = StsKeys.NewAccessKeyId(),
            PartnerUid = ctx.PartnerUid,
            CustomerUid = customer.Id,
            Secret = StsKeys.NewSecret(),
            SecurityToken = StsKeys.NewSecurityToken(),
            RoleArn = $"acs:ram::{customer.Id}:role/{roleName}",
            RoleSessionName = sessionName,
            AssumedRoleId = $"{roleId}:{sessionName}",
            Policy = policy,
            IssuedAt = ctx.Now.UtcDateTime,
            ExpiresAt = ctx.Now.UtcDateTime.AddSeconds(duration),
        };
        ctx.Get<StsCredentialStore>().Insert(credential);

        return new AssumeRoleResponse
        {
            RequestId = ctx.RequestId,
            AssumedRoleUser = new() { Arn = $"{credential.RoleArn}/{sessionName}", AssumedRoleId = credential.AssumedRoleId },
            Credentials = new()
            {
                AccessKeyId = credential.Id,
                AccessKeySecret = credential.Secret,
                Expiration = Clock.IsoSeconds.Format(credential.ExpiresAt),
                SecurityToken = credential.SecurityToken,
            },
            // Echoed only when sent (left out when null, as before).
            SourceIdentity = req.SourceIdentity,
        };
    }

    /// <summary>A RAM policy document: a JSON object with a Statement array (Version "1" is what RAM writes).</summary>
    private static bool IsPolicyDocument(string text)
    {
        if (text.Length > 2048) return false;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("Statement", out var st) && st.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException) { return false; }
    }
}
