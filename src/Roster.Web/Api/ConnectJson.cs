using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Roster.Common;

namespace Roster.Web.Api;

/// <summary>
/// Connect's wire format: snake_case members, nulls omitted, and a Content-Type of exactly "application/json"
/// (Connect's JavaScript SDK recognises API errors only by that exact media type).
/// </summary>
public static class ConnectJson
{
    public const string ContentType = "application/json";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IResult Ok(object? body, int status = StatusCodes.Status200OK) => new JsonBody(body, status);

    public static IResult Created(object? body) => new JsonBody(body, StatusCodes.Status201Created);

    public static IResult Problem(int status, string code, params string[] messages) =>
        new JsonBody(new ErrorBody(code, messages), status);

    // Every problem of the request, in Connect's errors array; the first one's code stays the error_code.
    public static IResult Problem(Error error) => Problem(StatusOf(error.Kind), error.Code, [.. error.All.Select(e => e.Message)]);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static Task WriteProblemAsync(HttpContext context, int status, string code, params string[] messages) =>
        Problem(status, code, messages).ExecuteAsync(context);

    /// <summary>Reads a JSON object body; a missing, malformed or non-object body is a clear 400, not an exception.</summary>
    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request)
    {
        if (request.ContentLength == 0)
            return new Error("request.body_required", "The request needs a JSON body.");
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return body is null ? new Error("request.body_required", "The request needs a JSON body.") : body;
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? $" at {path[2..]}" : "";
            return new Error("request.invalid_json", $"The request body is not valid JSON for this endpoint{where}.");
        }
    }

    public static JsonObject ToNode(object value) => JsonSerializer.SerializeToNode(value, Options)!.AsObject();

    public sealed record ErrorBody(string ErrorCode, IReadOnlyList<string> Errors);

    private sealed class JsonBody(object? body, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, body?.GetType() ?? typeof(object), Options, httpContext.RequestAborted);
        }
    }
}
