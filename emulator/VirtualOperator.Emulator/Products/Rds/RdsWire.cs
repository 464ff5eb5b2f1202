using VirtualOperator.Emulator.Protocol.Parsing;
using System.Globalization;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>How RDS calls name their customer and their billing, and RDS's time format.</summary>
public static class RdsWire
{
    /// <summary>
    /// The parameters that name an RDS call's customer, for <see cref="CustomerScope"/>: OwnerId first, else
    /// ResourceOwnerId (the RDS SDK models carry ResourceOwnerId on every action, OwnerId on some) [I].
    /// </summary>
    public static readonly string[] Owners = ["OwnerId", "ResourceOwnerId"];

    /// <summary>RDS times: ISO-8601 UTC to the second, <c>2024-01-01T00:00:00Z</c>.</summary>
    public static string Time(DateTime t) => Wire.Time(t);

    public static DateTime? TimeParam(ActionContext ctx, string name) => Wire.TimeParam(ctx, name);

    /// <summary>The parameter <paramref name="name"/>'s <paramref name="value"/> (or <paramref name="fallback"/>), which must be one of <paramref name="allowed"/>.</summary>
    public static string OneOf(string name, string? value, string? fallback, params string[] allowed)
    {
        var v = value ?? fallback ?? throw CommonErrors.MissingParameter(name);
        return allowed.Contains(v) ? v : throw RdsErrors.InvalidValue(name, v, allowed);
    }

    /// <summary>The same, for a parameter the action's model does not list or types otherwise (read by its wire name).</summary>
    public static string OneOf(ActionContext ctx, string name, string? fallback, params string[] allowed) =>
        OneOf(name, ctx.Params.String(name), fallback, allowed);

    public static bool Flag(ActionContext ctx, string name) =>
        ctx.Params.String(name) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>PageNumber from 1, PageSize from 1 to <paramref name="max"/> (default 30, as RDS's Describe* default): <see cref="Paging"/>.</summary>
    public static (int Number, int Size) Page(ActionContext ctx, int max = 100) => Paging.Read(ctx, PageParameters.PageNumber(30), max);

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// How a new instance is paid: PayType Prepaid (Period Month|Year with UsedTime, AutoRenew) or Postpaid.
/// [C] ranges (openapi-meta CreateDBInstance): Month 1 to 11, Year 1 to 5.
/// </summary>
public sealed record RdsBilling(string PayType, int Months, bool Yearly, bool AutoRenew)
{
    public bool Prepaid => PayType == RdsPayTypes.Prepaid;

    /// <remarks>
    /// One reader for the five buying actions, by wire name: their models type UsedTime differently (Integer in CloneDBInstance,
    /// String elsewhere) and list AutoRenew in some only, and every one of them must get the same checks and messages.
    /// </remarks>
    public static RdsBilling From(ActionContext ctx, string? defaultPayType = null)
    {
        var payType = RdsWire.OneOf(ctx, "PayType", defaultPayType, RdsPayTypes.Postpaid, RdsPayTypes.Prepaid);
        if (payType == RdsPayTypes.Postpaid) return new(payType, 0, false, false);
        var period = RdsWire.OneOf(ctx, "Period", null, "Month", "Year");
        var used = ctx.Params.String("UsedTime") ?? throw CommonErrors.MissingParameter("UsedTime");
        var max = period == "Year" ? 5 : 11;
        if (!int.TryParse(used, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max)
            throw CommonErrors.InvalidParameter("UsedTime", $"With Period {period} it must be from 1 to {max}.");
        return new(payType, period == "Year" ? n * 12 : n, period == "Year", RdsWire.Flag(ctx, "AutoRenew"));
    }
}
