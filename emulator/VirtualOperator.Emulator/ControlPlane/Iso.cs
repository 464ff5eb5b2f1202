using System.Globalization;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>ISO-8601 UTC with a Z, the one time format of the control plane.</summary>
public static class Iso
{
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    public static string Format(DateTime t) => Format(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)));
    public static string? Format(DateTime? t) => t is null ? null : Format(t.Value);
}
