using Roster.Common;

namespace Roster.Tests.Infrastructure;

/// <summary>Assertions on results that hand back what succeeded, so tests need no <c>!</c>.</summary>
public static class Results
{
    public static T ShouldSucceed<T>(this Result<T> result) =>
        result.Succeeded ? result.Value : throw new ShouldAssertException($"Expected success, got {result.Error.Code}: {result.Error.Message}");

    public static Error ShouldFail<T>(this Result<T> result) =>
        result.Succeeded ? throw new ShouldAssertException("Expected a failure, got success.") : result.Error;

    public static Error ShouldFail(this Result result) =>
        result.Succeeded ? throw new ShouldAssertException("Expected a failure, got success.") : result.Error;
}
