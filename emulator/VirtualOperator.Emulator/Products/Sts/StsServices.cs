using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Products.Sts;

public static class StsServices
{
    public const string Product = "Sts";
    public const string Version = "2015-04-01";

    public static IServiceCollection AddSts(this IServiceCollection services)
    {
        services.AddSingleton<StsCredentialStore>();
        services.AddSingleton<ICredentialSource, StsCredentialSource>();
        return services;
    }

    /// <summary>
    /// <c>GET /_emulator/partners/{uid}/sts/credentials</c> lists what AssumeRole issued;
    /// <c>POST /_emulator/sts/credentials/{accessKeyId}/expire</c> ends one now (virtual time) without moving a clock.
    /// </summary>
    public static void MapStsControl(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/partners/{uid}/sts/credentials", (string uid, PartnerStore partners, StsCredentialStore store) =>
            partners.Get(uid) is null
                ? ControlReplies.NoPartner(uid)
                : Results.Ok(store.ListFor(uid).Select(View).ToList()))
            .Produces<List<StsCredentialView>>();
        app.MapPost("/_emulator/sts/credentials/{accessKeyId}/expire", (string accessKeyId, StsCredentialStore store, VirtualClock clock) =>
        {
            var c = store.Get(accessKeyId);
            if (c is null) return ControlReplies.NotFound($"No STS credentials with AccessKeyId {accessKeyId}.");
            return Results.Ok(View(store.ExpireAt(accessKeyId, clock.NowFor(c.PartnerUid))!));
        }).Produces<StsCredentialView>();
    }

    private static StsCredentialView View(StsCredential c) => new(
        c.Id, c.PartnerUid, c.CustomerUid, c.RoleArn, c.RoleSessionName, ControlPlane.Iso.Format(c.IssuedAt), ControlPlane.Iso.Format(c.ExpiresAt));
}

/// <summary>STS credentials AssumeRole issued, as the control plane lists them (the secret and token left out).</summary>
public sealed record StsCredentialView(
    string AccessKeyId, string Partner, string CustomerUid, string RoleArn, string RoleSessionName, string IssuedAt, string ExpiresAt);
