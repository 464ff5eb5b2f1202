using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Protocol.Parsing;

/// <summary>
/// How a product names its page parameters and what it answers without them: BSS <c>PageNum</c>/<c>PageSize</c> (20 a
/// page), ECS and RDS <c>PageNumber</c>/<c>PageSize</c> (10 and 30 for most of their Describe* calls).
/// </summary>
public readonly record struct PageParameters(string Number, string Size, int DefaultSize)
{
    public static PageParameters PageNum(int defaultSize) => new("PageNum", "PageSize", defaultSize);
    public static PageParameters PageNumber(int defaultSize) => new("PageNumber", "PageSize", defaultSize);
}

/// <summary>
/// The one reader of numbered pages, for every product: the number from 1, the size from 1 to the action's maximum, each
/// refused by name with InvalidParameter (400) otherwise [I]. Read by wire name from the parameters: the generated
/// requests type these parameters differently from action to action (string, integer or decimal in the catalog).
/// </summary>
public static class Paging
{
    public static (int Number, int Size) Read(ActionContext ctx, PageParameters names, int maxSize)
    {
        var number = ctx.Params.Int(names.Number) ?? 1;
        var size = ctx.Params.Int(names.Size) ?? names.DefaultSize;
        if (number < 1) throw CommonErrors.InvalidParameter(names.Number, "It starts at 1.");
        if (size < 1 || size > maxSize) throw CommonErrors.InvalidParameter(names.Size, $"It must be from 1 to {maxSize}.");
        return (number, size);
    }

    /// <summary>Page <paramref name="number"/> (from 1) of <paramref name="rows"/>, <paramref name="size"/> rows a page; a page past
    /// the end is empty. (Not named Slice: List&lt;T&gt;.Slice(start, count), an instance method, would win over it.)</summary>
    public static IEnumerable<T> OnPage<T>(this IEnumerable<T> rows, int number, int size) => rows.Skip((number - 1) * size).Take(size);
}
