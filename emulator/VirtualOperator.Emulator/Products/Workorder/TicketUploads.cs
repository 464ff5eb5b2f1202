using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

using LiteDB;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>An uploaded attachment. Collection <c>ticket_uploads</c>: id = "{partnerUid}/{key}"; index PartnerUid.</summary>
public sealed class TicketUpload
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string Key { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
    public long UploadedAt { get; set; }
}

/// <summary>A browser-upload grant from getOSSTempAuthor (the OSS PostObject policy form, dd/143232).</summary>
public sealed record UploadGrant(string AccessId, string Secret, string PartnerUid, string Dir, DateTimeOffset Expires, string Policy, string Signature);

/// <summary>
/// Ticket attachments the way the real service hands them out: getOSSTempAuthor grants a browser upload (policy, signature,
/// ~2 minutes, 2 MB) to an OSS-style endpoint, here served by the emulator itself; getAttachTempURL signs a 2-minute
/// download URL. Grant and URL lifetimes run on the partner's virtual clock, so QA can expire them with a clock move [I].
/// Grants live in memory (they outlive no restart, as a 2-minute grant would not); uploads are stored in LiteDB.
/// </summary>
public sealed class TicketUploads : IStateReset
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromMinutes(2);

    private readonly EmulatorDatabase _db;
    private readonly VirtualClock _clock;
    private readonly ConcurrentDictionary<string, UploadGrant> _grants = new(StringComparer.Ordinal);
    // Signs download URLs; a new process signs with a new key, so URLs die with the process (they live 2 minutes anyway).
    private readonly byte[] _urlKey = RandomNumberGenerator.GetBytes(32);

    public TicketUploads(EmulatorDatabase db, VirtualClock clock)
    {
        _db = db;
        _clock = clock;
        Uploads.EnsureIndex(u => u.PartnerUid);
    }

    private ILiteCollection<TicketUpload> Uploads => _db.Collection<TicketUpload>("ticket_uploads");

    public UploadGrant Grant(string partnerUid)
    {
        var expires = _clock.NowFor(partnerUid) + GrantLifetime;
        var dir = $"pop_temp{RandomNumberGenerator.GetInt32(10000, 100000)}/";
        var policyJson = System.Text.Json.JsonSerializer.Serialize(new
        {
            expiration = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            conditions = new object[] { new object[] { "content-length-range", 0, MaxBytes }, new object[] { "starts-with", "$key", dir } },
        });
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(policyJson));
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(15));
        var accessId = "LTAIwo" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));
        var grant = new UploadGrant(accessId, secret, partnerUid, dir, expires, policy, PolicySignature(policy, secret));
        _grants[accessId] = grant;
        return grant;
    }

    /// <summary>OSS PostObject: <c>signature = base64(HMAC-SHA1(secret, policy))</c>.</summary>
    public static string PolicySignature(string policy, string secret)
    {
        using var h = new HMACSHA1(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(h.ComputeHash(Encoding.UTF8.GetBytes(policy)));
    }

    /// <summary>Checks a browser upload against its grant and stores it; answers an OSS error (code, message, status) or null.</summary>
    public (string Code, string Message, int Status)? Upload(string? accessId, string? policy, string? signature, string? key,
        string contentType, byte[] content)
    {
        if (accessId is null || policy is null || signature is null || key is null)
            return ("InvalidArgument", "OSSAccessKeyId, policy, Signature and key are required.", 400);
        if (!_grants.TryGetValue(accessId, out var g)) return ("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.", 403);
        if (policy != g.Policy || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(g.Signature)))
            return ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", 403);
        if (_clock.NowFor(g.PartnerUid) >= g.Expires) return ("AccessDenied", "Invalid according to Policy: Policy expired.", 403);
        if (!key.StartsWith(g.Dir, StringComparison.Ordinal) || key.Length == g.Dir.Length || key.Length > 1024)
            return ("AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"" + g.Dir + "\"]", 403);
        if (content.Length > MaxBytes) return ("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.", 400);
        Uploads.Upsert(new TicketUpload
        {
            Id = g.PartnerUid + "/" + key, PartnerUid = g.PartnerUid, Key = key, ContentType = contentType, Content = content,
            UploadedAt = _clock.NowFor(g.PartnerUid).ToUnixTimeMilliseconds(),
        });
        return null;
    }

    public bool Exists(string partnerUid, string key) => Uploads.Exists(u => u.Id == partnerUid + "/" + key);

    /// <summary>The path and query of a download URL for one uploaded object, valid for <see cref="UrlLifetime"/> of virtual time.</summary>
    public string SignedPath(string partnerUid, string key)
    {
        var expires = (_clock.NowFor(partnerUid) + UrlLifetime).ToUnixTimeSeconds();
        return $"{AttachmentRoutes.Prefix}/{Uri.EscapeDataString(key).Replace("%2F", "/")}?partner={partnerUid}&Expires={expires}&Signature={Uri.EscapeDataString(UrlSignature(partnerUid, key, expires))}";
    }

    /// <summary>The object behind a download URL; an OSS error when the URL is forged or expired.</summary>
    public (TicketUpload? Upload, (string Code, string Message, int Status)? Error) Download(string key, string? partnerUid, string? expires, string? signature)
    {
        if (partnerUid is null || !long.TryParse(expires, out var exp) || signature is null)
            return (null, ("AccessDenied", "Anonymous access is forbidden for this operation.", 403));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(UrlSignature(partnerUid, key, exp))))
            return (null, ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", 403));
        if (_clock.NowFor(partnerUid).ToUnixTimeSeconds() > exp) return (null, ("AccessDenied", "Request has expired.", 403));
        var u = Uploads.FindById(partnerUid + "/" + key);
        return u is null ? (null, ("NoSuchKey", "The specified key does not exist.", 404)) : (u, null);
    }

    private string UrlSignature(string partnerUid, string key, long expires)
    {
        using var h = new HMACSHA256(_urlKey);
        return Convert.ToBase64String(h.ComputeHash(Encoding.UTF8.GetBytes($"{partnerUid}\n{key}\n{expires}")));
    }

    public void OnReset(string? partnerUid)
    {
        foreach (var (id, g) in _grants)
            if (partnerUid is null || g.PartnerUid == partnerUid) _grants.TryRemove(id, out _);
    }
}
