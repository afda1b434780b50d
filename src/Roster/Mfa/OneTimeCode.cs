namespace Roster.Mfa;

/// <summary>A code as a person types it: apps show "123 456" and recovery codes are grouped with dashes.</summary>
public static class OneTimeCode
{
    public const int MaxLength = 64;

    public static string Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxLength) return "";
        return string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToLowerInvariant();
    }
}
