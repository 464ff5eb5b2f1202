using System.Security.Cryptography;

namespace VirtualOperator.Emulator.Domain;

/// <summary>Realistic Alibaba Cloud account uids: 16 digits, no leading zero.</summary>
public static class Uids
{
    public static string New()
    {
        Span<char> digits = stackalloc char[16];
        // First digit 1-8: a uid stays below 2^53, so SDKs that type OwnerId as a JS number (the Tea SDKs) keep every digit.
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(8));
        for (var i = 1; i < 16; i++) digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        return new string(digits);
    }
}
