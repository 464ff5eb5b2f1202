using VirtualOperator.Emulator.Protocol.Parsing;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Wire formats shared by the sales handlers: BSS times, amounts, paging, who is asking.</summary>
public static class Wire
{
    /// <summary>LiteDB may hand dates back in local time; the domain is UTC throughout.</summary>
    public static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => t,
    };

    /// <summary>BSS times: ISO-8601 UTC to the second, <c>2016-05-23T12:00:00Z</c>.</summary>
    public static string Time(DateTime t) => Clock.IsoSeconds.Format(Utc(t));
    public static string? Time(DateTime? t) => t is null ? null : Time(t.Value);

    /// <summary>Amounts that the SDK models type as strings.</summary>
    public static string Amount(decimal a) => a.ToString("0.00", CultureInfo.InvariantCulture);

    public static DateTime? TimeParam(ActionContext ctx, string name)
    {
        var s = ctx.Params.String(name);
        if (s is null) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.UtcDateTime
            : throw CommonErrors.InvalidParameter(name, "Expected an ISO-8601 UTC time such as 2016-05-23T12:00:00Z.");
    }

    /// <summary>PageNum from 1, PageSize from 1 to <paramref name="max"/> (default 20): <see cref="Paging"/>.</summary>
    public static (int Num, int Size) Page(ActionContext ctx, int max = 300) => Paging.Read(ctx, PageParameters.PageNum(20), max);

    /// <summary>
    /// The idempotency token of a purchase: ASCII, at most 64 characters, as the Alibaba Cloud API reference
    /// states for ClientToken. [I] the code of the refusal (InvalidParameter).
    /// </summary>
    public static string? ClientToken(ActionContext ctx)
    {
        var token = ctx.Params.String("ClientToken");
        if (token is not null && (token.Length > 64 || token.Any(c => c > 0x7F)))
            throw CommonErrors.InvalidParameter("ClientToken", "It must be ASCII and at most 64 characters long.");
        return token;
    }

    /// <summary>What a request asked, minus its ClientToken: equal digests make a retry, not a new purchase.</summary>
    public static string Digest(ActionContext ctx)
    {
        var text = ctx.Action.Action + "\n" + string.Join("\n", ctx.Params.All
            .Where(p => p.Key != "ClientToken").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string OneOf(ActionContext ctx, string name, string? fallback, params string[] allowed)
    {
        var v = ctx.Params.String(name) ?? fallback ?? throw CommonErrors.MissingParameter(name);
        return allowed.Contains(v) ? v : throw SalesErrors.InvalidValue(name, v, allowed);
    }
}
