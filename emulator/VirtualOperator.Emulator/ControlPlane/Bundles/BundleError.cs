namespace VirtualOperator.Emulator.ControlPlane.Bundles;

/// <summary>A bundle refused before anything was changed; <see cref="Status"/> is the control-plane answer's status.</summary>
public sealed class BundleError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
