namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// Marks a static handler <c>object Name(ActionContext ctx)</c> as the implementation of one catalog action.
/// The method is named exactly as the action. <c>grep -rn '\[Action(' emulator/</c> lists what is implemented;
/// a unit test checks every attribute names a catalog action and that no action has two handlers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ActionAttribute(string product, string version, string action) : Attribute
{
    public string Product { get; } = product;
    public string Version { get; } = version;
    public string Action { get; } = action;

    /// <summary>False for actions that answer from fixed data only (prices, product lists); shown in the fidelity table.</summary>
    public bool Stateful { get; init; } = true;
}

public delegate object ActionHandler(ActionContext ctx);
