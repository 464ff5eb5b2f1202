namespace VirtualOperator.Emulator.Clock;

/// <summary>
/// Real time, for the two things that must not be virtual: signature timestamps and nonce windows
/// (real clients sign with real time). Named so nobody takes it for domain time by accident.
/// </summary>
public sealed class WallClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
