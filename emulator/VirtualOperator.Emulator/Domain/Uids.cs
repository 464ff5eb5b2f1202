using System.Security.Cryptography;

namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// Realistic Alibaba Cloud account uids: 16 digits, no leading zero, and at most 8999999999999999, below
/// JavaScript's Number.MAX_SAFE_INTEGER (9007199254740991): the Tea SDKs type <c>OwnerId</c> as a number, so a
/// larger uid would reach the emulator with its last digits changed.
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
