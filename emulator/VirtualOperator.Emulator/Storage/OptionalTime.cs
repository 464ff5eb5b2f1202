using System.Runtime.CompilerServices;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// A <see cref="DateTime"/>? in 8 bytes instead of 16, for the optional times of rows kept by the hundred thousand
/// (orders, instances: docs/performance.md, "Memory per order"). Every time reads back exactly, kind included: the value
/// is the time's own 64 bits, and "none" is a pattern no time has (kind bits 11 with ticks above the maximum).
/// A field starts as <see cref="None"/>: give it that initial value (the default of the struct is DateTime.MinValue).
/// </summary>
public readonly struct OptionalTime
{
    private const ulong NoneBits = ulong.MaxValue;
    private readonly ulong _bits;

    private OptionalTime(ulong bits) => _bits = bits;

    public static readonly OptionalTime None = new(NoneBits);

    public static OptionalTime Of(DateTime? t) => t is { } v ? new(Unsafe.As<DateTime, ulong>(ref v)) : None;

    public DateTime? Value
    {
        get
        {
            if (_bits == NoneBits) return null;
            var bits = _bits;
            return Unsafe.As<ulong, DateTime>(ref bits);
        }
    }
}
