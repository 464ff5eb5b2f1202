using System.Collections.Concurrent;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>
/// STS credentials acting as a customer, issued directly for tests until AssumeRole is on main: the emulator
/// resolves them through its ordinary credential chain and signature checks, so calls go through the wire as a
/// customer's STS calls would.
/// </summary>
public sealed class TestStsSource(Func<PartnerStore> partners) : ICredentialSource
{
    private readonly ConcurrentDictionary<string, (string Partner, string Customer, string Secret, string Token)> _issued = new();

    public (string AccessKeyId, string Secret, string Token) Issue(string partnerUid, string customerUid)
    {
        var key = "STS." + Guid.NewGuid().ToString("N")[..20];
        var secret = Guid.NewGuid().ToString("N");
        var token = "CAIS" + Guid.NewGuid().ToString("N");
        _issued[key] = (partnerUid, customerUid, secret, token);
        return (key, secret, token);
    }

    public ResolvedCredential? Find(string accessKeyId) =>
        _issued.TryGetValue(accessKeyId, out var c) && partners().Get(c.Partner) is { } p
            ? new ResolvedCredential(accessKeyId, c.Secret, p, c.Customer, c.Token, DateTimeOffset.MaxValue)
            : null;
}
