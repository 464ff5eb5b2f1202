using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>
/// Sign-in tokens and console sessions. Collections <c>signin_tokens</c> and <c>console_sessions</c>:
/// ids are the opaque token / cookie values; both indexed by PartnerUid.
/// </summary>
public sealed class FederationStore
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new(LockLevel.OutBizId, "sign-in token");

    public FederationStore(EmulatorDatabase db)
    {
        _db = db;
        Tokens.EnsureIndex(t => t.PartnerUid);
        Sessions.EnsureIndex(s => s.PartnerUid);
    }

    private ILiteCollection<SigninToken> Tokens => _db.Collection<SigninToken>("signin_tokens");
    private ILiteCollection<ConsoleSession> Sessions => _db.Collection<ConsoleSession>("console_sessions");

    public SigninToken IssueToken(string partnerUid, string customerUid, string stsAccessKeyId, string ticketType, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var token = new SigninToken
        {
            Id = RandomNumberGenerator.GetString(Alphabet, 96), PartnerUid = partnerUid, CustomerUid = customerUid,
            StsAccessKeyId = stsAccessKeyId, TicketType = ticketType, IssuedAt = now.UtcDateTime, ExpiresAt = expiresAt.UtcDateTime,
        };
        Tokens.Insert(token);
        return token;
    }

    public SigninToken? GetToken(string token) => Tokens.FindById(token);

    public enum Redeem { Ok, Unknown, Used, Expired }

    /// <summary>Marks the token used, once: two browsers racing with one token get one session.</summary>
    public (Redeem Result, SigninToken? Token) RedeemToken(string token, Func<SigninToken, DateTimeOffset> nowOf) =>
        _locks.Run("token:" + token, () =>
        {
            var t = Tokens.FindById(token);
            if (t is null) return (Redeem.Unknown, (SigninToken?)null);
            if (t.UsedAt is not null) return (Redeem.Used, t);
            var now = nowOf(t);
            if (now.UtcDateTime >= t.ExpiresAt) return (Redeem.Expired, t);
            t.UsedAt = now.UtcDateTime;
            Tokens.Update(t);
            return (Redeem.Ok, t);
        });

    public SigninToken? ExpireToken(string token, DateTimeOffset now)
    {
        var t = Tokens.FindById(token);
        if (t is null) return null;
        if (t.ExpiresAt > now.UtcDateTime) t.ExpiresAt = now.UtcDateTime;
        Tokens.Update(t);
        return t;
    }

    public ConsoleSession OpenSession(SigninToken token, string loginUrl, DateTimeOffset now, TimeSpan validity)
    {
        var s = new ConsoleSession
        {
            Id = RandomNumberGenerator.GetString(Alphabet, 48), PartnerUid = token.PartnerUid, CustomerUid = token.CustomerUid,
            LoginUrl = loginUrl, CreatedAt = now.UtcDateTime, ExpiresAt = (now + validity).UtcDateTime,
        };
        Sessions.Insert(s);
        return s;
    }

    public ConsoleSession? GetSession(string id) => Sessions.FindById(id);

    public IReadOnlyList<ConsoleSession> SessionsOf(string partnerUid) =>
        Sessions.Find(s => s.PartnerUid == partnerUid).OrderBy(s => s.CreatedAt).ToList();

    public IReadOnlyList<SigninToken> TokensOf(string partnerUid) =>
        Tokens.Find(t => t.PartnerUid == partnerUid).OrderBy(t => t.IssuedAt).ToList();

    public ConsoleSession? ExpireSession(string id, DateTimeOffset now)
    {
        var s = Sessions.FindById(id);
        if (s is null) return null;
        if (s.ExpiresAt > now.UtcDateTime) s.ExpiresAt = now.UtcDateTime;
        Sessions.Update(s);
        return s;
    }
}
