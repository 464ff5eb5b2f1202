namespace VirtualOperator.Emulator.Storage;

/// <summary>Implemented by anything that keeps state outside LiteDB (caches, in-flight tokens) so resets reach it.</summary>
public interface IStateReset
{
    /// <param name="partnerUid">null for a global reset.</param>
    void OnReset(string? partnerUid);
}
