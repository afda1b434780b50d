using Roster.Common;

namespace Roster.Testing;

/// <summary>A result's value or error, read in a test: a failing assertion names what came instead.</summary>
public static class ResultAssertions
{
    public static T ShouldSucceed<T>(this Result<T> result) =>
        result.Succeeded ? result.Value : throw new Xunit.Sdk.XunitException($"Expected success, got {result.Error}.");

    public static void ShouldSucceed(this Result result)
    {
        if (!result.Succeeded) throw new Xunit.Sdk.XunitException($"Expected success, got {result.Error}.");
    }

    public static Error ShouldFail<T>(this Result<T> result) =>
        result.Succeeded ? throw new Xunit.Sdk.XunitException($"Expected a failure, got {result.Value}.") : result.Error;

    public static Error ShouldFail(this Result result) =>
        result.Succeeded ? throw new Xunit.Sdk.XunitException("Expected a failure, got success.") : result.Error;
}
