using Roster.Common;

namespace Roster.Web.Api;

/// <summary>The one mapping from use-case results to HTTP answers.</summary>
public static class ApiResults
{
    public static IResult ToApi<T>(this Result<T> result, Func<T, object> shape, int status = StatusCodes.Status200OK) =>
        result.Succeeded ? ConnectJson.Ok(shape(result.Value), status) : ConnectJson.Problem(result.Error);

    public static IResult ToApi(this Result result, int status = StatusCodes.Status204NoContent) =>
        result.Succeeded ? Results.StatusCode(status) : ConnectJson.Problem(result.Error);

    public static IResult ToApi(this Error error) => ConnectJson.Problem(error);
}
