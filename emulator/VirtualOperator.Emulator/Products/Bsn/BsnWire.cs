using System.Globalization;
using VirtualOperator.Emulator.Api.Bsn;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// A service number as Bsn's answers show it (dd/143224-143225): <c>aliUid</c> is its holder as a JSON number, <c>status</c>
/// the status read now (a released instance makes it 3), <c>beianNum</c> empty until filed. ProductBindBsn and
/// GetBsnByResource list the same <c>bsnDO</c> objects; the catalog gives each its own generated model.
/// </summary>
internal static class BsnWire
{
    /// <summary><c>opSource</c> is always 2 in the docs (AFTER-SALES.md: Bsn); what the other values would mean is unknown.</summary>
    private const int DocumentedOpSource = 2;

    public static ProductBindBsnResponse.DatasModel.BsnDOModel Issued(ServiceNumber n, ServiceNumbers numbers) => new()
    {
        AliUid = Uid(n.HolderUid), ResourceType = n.ResourceType, ResourceId = n.ResourceId, Sn = n.Id,
        Status = (int)numbers.StatusOf(n), BeianNum = n.BeianNum ?? "", OpSource = DocumentedOpSource,
    };

    public static GetBsnByResourceResponse.DatasModel.BsnDOModel Held(ServiceNumber n, ServiceNumbers numbers) => new()
    {
        AliUid = Uid(n.HolderUid), ResourceType = n.ResourceType, ResourceId = n.ResourceId, Sn = n.Id,
        Status = (int)numbers.StatusOf(n), BeianNum = n.BeianNum ?? "", OpSource = DocumentedOpSource,
    };

    /// <summary>The documented example's keys only (dd/143225 shows no requestId; the id travels in the x-acs-request-id header).</summary>
    public static GetBsnBySnResponse LookedUp(ServiceNumber n, ServiceNumbers numbers) => new()
    {
        ResourceId = n.ResourceId, Status = (int)numbers.StatusOf(n), BeianNum = n.BeianNum ?? "",
        AliUid = Uid(n.HolderUid), ResourceType = n.ResourceType,
    };

    /// <summary>Customer ids are stored as strings and sent as JSON numbers (pop-core reads the 16-digit ones as BigNumber).</summary>
    public static long Uid(string uid) => long.Parse(uid, CultureInfo.InvariantCulture);
}
