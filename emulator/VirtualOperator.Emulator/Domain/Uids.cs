using System.Security.Cryptography;

namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// Realistic Alibaba Cloud account uids: 16 digits, no leading zero, first digit 1..8 so every uid stays below
/// 2^53: the Tea SDKs carry OwnerId and Mpk as JavaScript numbers, which would round a larger one.
/// </summary>
public static class Uids
{
    public static string New()
    {
        Span<char> digits = stackalloc char[16];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(8));
        for (var i = 1; i < 16; i++) digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        return new string(digits);
    }
}
