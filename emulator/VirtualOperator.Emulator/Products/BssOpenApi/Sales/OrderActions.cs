using System.Text.Json.Serialization;
using VirtualOperator.Emulator.Api.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Orders: list, detail, cancel. A customer sees its own orders; a partner its customers' (or OwnerId's).</summary>
internal static class OrderActions
{
    private const string P = BssOpenApiServices.Product, V = BssOpenApiServices.Version;

    /// <summary>Newest first [I]; filters combine with AND; PageSize up to 100 [I].</summary>
    [Action(P, V, "QueryOrders")]
    public static object QueryOrders(ActionContext ctx)
    {
        var req = QueryOrdersRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var (num, size) = Wire.Page(ctx, max: 100);
        var (from, to) = (Wire.TimeParam(ctx, "CreateTimeStart"), Wire.TimeParam(ctx, "CreateTimeEnd"));
        var store = ctx.Get<SalesStore>();
        var filtered = from is not null || to is not null || req.ProductCode is not null || req.ProductType is not null
            || req.SubscriptionType is not null || req.OrderType is not null || req.PaymentStatus is not null;
        var (page, total) = filtered
            ? Filter(store.OrdersOf(ctx.PartnerUid, scope), num, size, o =>
                (from is null || Wire.Utc(o.CreateTime) >= from) && (to is null || Wire.Utc(o.CreateTime) <= to)
                && (req.ProductCode is null || o.ProductCode == req.ProductCode) && (req.ProductType is null || o.ProductType == req.ProductType)
                && (req.SubscriptionType is null || o.SubscriptionType == req.SubscriptionType) && (req.OrderType is null || o.OrderType == req.OrderType)
                && (req.PaymentStatus is null || o.PaymentStatus == req.PaymentStatus))
            // Unfiltered (the common call): a page costs its own orders, however many the partner has.
            : store.OrdersPage(ctx.PartnerUid, scope, num, size);
        return BssResponse.Success(ctx, new QueryOrdersResponse
        {
            Data = new()
            {
                HostName = ctx.Action.Host,
                OrderList = new() { Order = page.Select(Summary).ToList() },
                PageNum = num, PageSize = size, TotalCount = total,
            },
        });
    }

    /// <summary>The filtered list: every order of the scope is read and sorted as the index sorts them (newest first, then by id).</summary>
    private static (IReadOnlyList<Order> Page, int Total) Filter(IEnumerable<Order> orders, int num, int size, Func<Order, bool> keep)
    {
        var rows = orders.Where(keep).OrderBy(OrderListIndex.Key.Of).ToList();
        return (rows.Skip((num - 1) * size).Take(size).ToList(), rows.Count);
    }

    [Action(P, V, "GetOrderDetail")]
    public static object GetOrderDetail(ActionContext ctx)
    {
        var o = Visible(ctx, ctx.Params.RequiredString("OrderId"));
        return BssResponse.Ok(ctx, new
        {
            HostName = ctx.Action.Host,
            OrderList = new { Order = new[] { Detail(o) } },
            PageNum = 1, PageSize = 20, TotalCount = 1,
        });
    }

    /// <summary>Only an unpaid order can be cancelled; paid and cancelled ones answer ORDER.CANNOT_CANCEL [I].</summary>
    [Action(P, V, "CancelOrder")]
    public static object CancelOrder(ActionContext ctx)
    {
        var id = ctx.Params.RequiredString("OrderId");
        var found = Visible(ctx, id);
        var desk = ctx.Get<OrderDesk>();
        var store = ctx.Get<SalesStore>();
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            desk.Cancel(store.Order(id)!, ctx.Now);
            return 0;
        });
        return BssResponse.Ok(ctx, new { HostId = ctx.Action.Host });
    }

    private static Order Visible(ActionContext ctx, string id)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var o = ctx.Get<SalesStore>().Order(id);
        return o is not null && o.PartnerUid == ctx.PartnerUid && (scope is null || o.CustomerUid == scope)
            ? o : throw SalesErrors.OrderNotFound(id);
    }

    private static QueryOrdersResponse.DataModel.OrderListModel.OrderModel Summary(Order o) => new()
    {
        AfterTaxAmount = Wire.Amount(o.Amount), CommodityCode = o.ProductCode, CreateTime = Wire.Time(o.CreateTime),
        Currency = o.Currency, OrderId = o.Id, OrderType = o.OrderType, PaymentCurrency = o.Currency,
        PaymentStatus = o.PaymentStatus, PaymentTime = Wire.Time(o.PaymentTime), PretaxAmount = Wire.Amount(o.Amount),
        PretaxAmountLocal = Wire.Amount(o.Amount), PretaxGrossAmount = Wire.Amount(o.GrossAmount), ProductCode = o.ProductCode,
        ProductType = o.ProductType, RelatedOrderId = "", SubscriptionType = o.SubscriptionType, Tax = Wire.Amount(0m),
    };

    private static object Detail(Order o) => new OrderDetail(
        Wire.Amount(o.Amount),
        new { billModuleConfig = o.Modules.Select(m => ModuleConfig(m.Code, m.Name, m.Value)).ToList() },
        o.ProductCode, o.Config, Wire.Time(o.CreateTime), o.Currency, new Dictionary<string, string>(), o.InstanceId, o.Operator, o.Id,
        "", o.OrderType, o.OriginalConfig ?? "",
        new
        {
            originalModuleConfig = o.Modules.Where(m => m.OriginalValue is not null).Select(m => new
            {
                m.Code, ModuleProperties = new { moduleProperties = new[] { new { m.Code, m.Name, Value = m.OriginalValue! } } }, m.Name,
            }).ToList(),
        },
        o.Currency, o.PaymentStatus, Wire.Time(o.PaymentTime), Wire.Amount(o.Amount), Wire.Amount(o.Amount), Wire.Amount(o.GrossAmount),
        o.ProductCode, o.ProductType, o.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Region, "", o.Id,
        o.SubscriptionType, Wire.Amount(0m), Wire.Time(o.UsageEndTime), Wire.Time(o.UsageStartTime));

    private static object ModuleConfig(string code, string name, string value) => new
    {
        ApiCode = code,
        BillModuleProperties = new { billModuleProperties = new[] { new { AttrApiCode = code, ModuleApiCode = code, Value = value } } },
        Code = code, Name = name,
    };

    private const JsonIgnoreCondition IfNull = JsonIgnoreCondition.WhenWritingNull;

    private sealed record OrderDetail(
        string AfterTaxAmount, object BillModuleConfig, string CommodityCode, string Config, string CreateTime, string Currency,
        Dictionary<string, string> ExtendInfos, string InstanceIDs, string Operator, string OrderId, string OrderSubType, string OrderType,
        string OriginalConfig, object OriginalModuleConfig, string PaymentCurrency, string PaymentStatus,
        [property: JsonIgnore(Condition = IfNull)] string? PaymentTime, string PretaxAmount, string PretaxAmountLocal,
        string PretaxGrossAmount, string ProductCode, string ProductType, string Quantity, string Region, string RelatedOrderId,
        string SubOrderId, string SubscriptionType, string Tax,
        [property: JsonIgnore(Condition = IfNull)] string? UsageEndTime, [property: JsonIgnore(Condition = IfNull)] string? UsageStartTime);
}
