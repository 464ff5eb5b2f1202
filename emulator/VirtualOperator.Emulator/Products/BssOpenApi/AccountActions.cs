using System.Net.Mail;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Api.BssOpenApi;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>Account API integration: the partner's customers.</summary>
internal static class AccountActions
{
    /// <summary>Creates a customer under the calling partner; a test account holds at most 20.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "CreateAgAccount")]
    public static object CreateAgAccount(ActionContext ctx)
    {
        // A customer acting through its STS credentials is no reseller: it cannot open accounts.
        if (ctx.CustomerUid is not null) throw AccountErrors.NotApplicable();
        var req = CreateAgAccountRequest.Of(ctx);
        var email = req.LoginEmail.Trim();
        if (!IsEmail(email)) throw AccountErrors.InvalidLoginEmail(email);
        var limit = ctx.Get<IOptions<EmulatorOptions>>().Value.TestAccount.CustomerLimit;
        var uid = Uids.New();
        var customer = new Customer
        {
            Id = uid,
            LoginEmail = email,
            RamAdminRoleName = "ResellerAdminRole",
            AccountAttr = req.AccountAttr ?? "",
            EnterpriseName = req.EnterpriseName,
            FirstName = req.FirstName,
            LastName = req.LastName,
            NationCode = req.NationCode,
            ProvinceName = req.ProvinceName,
            CityName = req.CityName,
            Postcode = req.Postcode,
            CreatedAt = ctx.Now.UtcDateTime,
        };
        // The customer and its message: one change (one unit of work, Storage.EmulatorDatabase.Atomic).
        ctx.Get<CustomerStore>().Create(ctx.PartnerUid, customer, limited: ctx.Partner.TestAccount, (count, emailTaken) =>
        {
            if (emailTaken) throw AccountErrors.LoginEmailExists(email);
            if (ctx.Partner.TestAccount && count() >= limit) throw AccountErrors.CustomerLimitExceeded(limit);
        }, created => ctx.Get<Messages.PartnerEvents>().Record(ctx.PartnerUid, Messages.PartnerEventTypes.CustomerCreated,
            new { CustomerUid = uid, LoginEmail = email, RamAdminRoleName = customer.RamAdminRoleName }, ctx.Now));
        return BssResponse.Success(ctx, new CreateAgAccountResponse
        {
            AgRelationDto = new() { Mpk = ctx.PartnerUid, Pk = uid, RamAdminRoleName = customer.RamAdminRoleName, Type = customer.RelationType },
        });
    }

    /// <summary>One customer of the calling partner, by <c>OwnerId</c>.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "GetCustomerAccountInfo")]
    public static object GetCustomerAccountInfo(ActionContext ctx)
    {
        var c = ctx.Get<CustomerScope>().RequiredCustomer(ctx);
        // What SetResellerUserStatus left (docs/budget.md, "Account status"). [I] values from help.aliyun.com 143222:
        // HostingStatus Trusteeship / TrusteeshipCancel, CreditLimitStatus Thaw (and Freeze, the FREEZE business's other
        // status in 472967); a customer no call has touched is hosted and thawed.
        var status = ctx.Get<Budget.CreditLedger>().Status(c.Id);
        return BssResponse.Success(ctx, new GetCustomerAccountInfoResponse
        {
            Data = new()
            {
                AccountType = string.IsNullOrEmpty(c.EnterpriseName) ? "Personal" : "Enterprise",
                CreditLimitStatus = status?.Stopped == true ? "Freeze" : "Thaw",
                HostingStatus = status?.Hosted == false ? "TrusteeshipCancel" : "Trusteeship",
                IsCertified = c.IsCertified,
                LoginEmail = c.LoginEmail,
                Mpk = long.Parse(ctx.PartnerUid, System.Globalization.CultureInfo.InvariantCulture),
            },
        });
    }

    /// <summary>The uids of the partner's customers; with a customer's STS credentials, that customer alone.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "GetCustomerList")]
    public static object GetCustomerList(ActionContext ctx)
    {
        var uids = ctx.Get<CustomerStore>().UidsForPartner(ctx.PartnerUid)
            .Where(uid => ctx.CustomerUid is null || uid == ctx.CustomerUid).ToList();
        return BssResponse.Success(ctx, new GetCustomerListResponse { Data = new() { UidList = uids } });
    }

    private static bool IsEmail(string s) =>
        s.Length <= 254 && MailAddress.TryCreate(s, out var a) && a.Address == s && a.Host.Contains('.');
}
