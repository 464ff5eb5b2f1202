namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// A rule that may refuse a call after it is authenticated and its parameters are valid, before any handler runs,
/// whatever the product (a stopped customer's STS writes, for instance). Throws an ApiException to refuse; register
/// with <c>services.AddSingleton&lt;IActionGuard, ...&gt;()</c> in the product's <c>Add…()</c>.
/// </summary>
public interface IActionGuard
{
    void Check(ActionContext ctx);
}
