using System.Globalization;
using VirtualOperator.Emulator.Api.BssOpenApi;
using DetailOrder = VirtualOperator.Emulator.Api.BssOpenApi.GetOrderDetailResponse.DataModel.OrderListModel.OrderModel;
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
        var byFacets = req.ProductCode is not null || req.ProductType is not null || req.SubscriptionType is not null
            || req.OrderType is not null || req.PaymentStatus is not null;
        // Filtered or not, a page costs its own orders and the groups of the index its filter keeps, however many the
        // partner has (OrderListIndex); a time range also reads the orders created in it.
        var (page, total) = store.OrdersPage(ctx.PartnerUid, scope, num, size, !byFacets ? null : f =>
            (req.ProductCode is null || f.ProductCode == req.ProductCode) && (req.ProductType is null || f.ProductType == req.ProductType)
            && (req.SubscriptionType is null || f.SubscriptionType == req.SubscriptionType) && (req.OrderType is null || f.OrderType == req.OrderType)
            && (req.PaymentStatus is null || f.PaymentStatus == req.PaymentStatus), from, to);
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

    [Action(P, V, "GetOrderDetail")]
    public static object GetOrderDetail(ActionContext ctx)
    {
        var o = Visible(ctx, GetOrderDetailRequest.Of(ctx).OrderId);
        return BssResponse.Success(ctx, new GetOrderDetailResponse
        {
            Data = new()
            {
                HostName = ctx.Action.Host,
                OrderList = new() { Order = [Detail(o)] },
                PageNum = 1, PageSize = 20, TotalCount = 1,
            },
        });
    }

    /// <summary>Only an unpaid order can be cancelled; paid and cancelled ones answer ORDER.CANNOT_CANCEL [I].</summary>
    [Action(P, V, "CancelOrder")]
    public static object CancelOrder(ActionContext ctx)
    {
        var id = CancelOrderRequest.Of(ctx).OrderId;
        var found = Visible(ctx, id);
        var desk = ctx.Get<OrderDesk>();
        var store = ctx.Get<SalesStore>();
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            desk.Cancel(store.Order(id)!, ctx.Now);
            return 0;
        });
        return BssResponse.Success(ctx, new CancelOrderResponse { Data = new() { HostId = ctx.Action.Host } });
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

    /// <summary>One order in full; times that do not apply (an unpaid order's PaymentTime, usage of a cancelled one) are left out.</summary>
    private static DetailOrder Detail(Order o) => new()
    {
        AfterTaxAmount = Wire.Amount(o.Amount),
        BillModuleConfig = new() { BillModuleConfig = o.Modules.Select(m => ModuleConfig(m.Code, m.Name, m.Value)).ToList() },
        CommodityCode = o.ProductCode, Config = o.Config, CreateTime = Wire.Time(o.CreateTime), Currency = o.Currency,
        ExtendInfos = new(), InstanceIDs = o.InstanceId, Operator = o.Operator, OrderId = o.Id, OrderSubType = "", OrderType = o.OrderType,
        OriginalConfig = o.OriginalConfig ?? "",
        OriginalModuleConfig = new()
        {
            OriginalModuleConfig = o.Modules.Where(m => m.OriginalValue is not null).Select(m => new DetailOrder.OriginalModuleConfigModel.OriginalModuleConfigModel2
            {
                Code = m.Code,
                ModuleProperties = new() { ModuleProperties = [new() { Code = m.Code, Name = m.Name, Value = m.OriginalValue! }] },
                Name = m.Name,
            }).ToList(),
        },
        PaymentCurrency = o.Currency, PaymentStatus = o.PaymentStatus, PaymentTime = Wire.Time(o.PaymentTime),
        PretaxAmount = Wire.Amount(o.Amount), PretaxAmountLocal = Wire.Amount(o.Amount), PretaxGrossAmount = Wire.Amount(o.GrossAmount),
        ProductCode = o.ProductCode, ProductType = o.ProductType, Quantity = o.Quantity.ToString(CultureInfo.InvariantCulture),
        Region = o.Region, RelatedOrderId = "", SubOrderId = o.Id, SubscriptionType = o.SubscriptionType, Tax = Wire.Amount(0m),
        UsageEndTime = Wire.Time(o.UsageEndTime), UsageStartTime = Wire.Time(o.UsageStartTime),
    };

    private static DetailOrder.BillModuleConfigModel.BillModuleConfigModel2 ModuleConfig(string code, string name, string value) => new()
    {
        ApiCode = code,
        BillModuleProperties = new() { BillModuleProperties = [new() { AttrApiCode = code, ModuleApiCode = code, Value = value }] },
        Code = code, Name = name,
    };
}
