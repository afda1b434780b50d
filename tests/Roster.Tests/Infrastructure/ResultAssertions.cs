using Roster.Common;

namespace Roster.Tests.Infrastructure;

/// <summary>Reads a result's value or error in a test, failing the test with the other side's message when it is not there.</summary>
public static class ResultAssertions
{
    public static T ShouldSucceed<T>(this Result<T> result)
    {
        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    public static void ShouldSucceed(this Result result) => result.Succeeded.ShouldBeTrue(result.Error?.Message);

    public static Error ShouldFail<T>(this Result<T> result)
    {
        result.Succeeded.ShouldBeFalse();
        return result.Error;
    }

    public static Error ShouldFail(this Result result)
    {
        result.Succeeded.ShouldBeFalse();
        return result.Error;
    }
}
