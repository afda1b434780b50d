using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Roster.Data;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>Makes sure no API answer goes out without Connect's error body, and no page without a way on, whatever failed.</summary>
public static class ApiErrors
{
    public static void HandleException(IApplicationBuilder app) => app.Run(async context =>
    {
        var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (failure is BadHttpRequestException bad)
        {
            await WriteAsync(context, bad.StatusCode, "request.invalid", "The request could not be read: " + bad.Message);
            return;
        }
        var answer = ServerFailure.Of(context, failure);
        if (answer.DatabaseUnreachable)
            context.Response.Headers.RetryAfter = ServerFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Request.IsApi())
        {
            await ConnectJson.WriteProblemAsync(context, answer.Status, answer.Code, answer.Message);
            return;
        }
        context.Response.StatusCode = answer.Status;
        // A GET can simply be sent again; after a form, the page it came from shows what is there now.
        var again = HttpMethods.IsGet(context.Request.Method) ? "Try again" : "Back to the page";
        await WritePageAsync(context, answer.Title, answer.Explanation,
            (context.Request.PathBase + context.Request.Path + context.Request.QueryString).ToString(), again);
    });

    public static async Task HandleStatusCode(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.Response.HasStarted || context.Response.ContentLength > 0) return;
        var code = context.Response.StatusCode;
        if (!context.Request.IsApi())
        {
            if (code != StatusCodes.Status404NotFound) return;
            if (context.ActorOrNull() is { IsUser: true } && HttpMethods.IsGet(context.Request.Method))
                await RenderInPortalAsync(status, NotFoundPage);
            else
                await WritePageAsync(context, "Page not found", "There is no page at this address.", "/", "Back to Roster");
            return;
        }
        var (error, message) = code switch
        {
            404 => ("request.not_found", "No such endpoint or object."),
            405 => ("request.method_not_allowed", "This endpoint does not accept that method."),
            415 => ("request.unsupported_media_type", "Send the body as application/json."),
            _ => ("request.failed", "The request failed."),
        };
        await ConnectJson.WriteProblemAsync(context, code, error, message);
    }

    private const string NotFoundPage = "/not-found";

    /// <summary>Runs the pipeline again for <paramref name="path"/> in place of the request's own, keeping its status.</summary>
    private static async Task RenderInPortalAsync(StatusCodeContext status, string path)
    {
        var context = status.HttpContext;
        var (originalPath, originalQuery, originalEndpoint) = (context.Request.Path, context.Request.QueryString, context.GetEndpoint());
        context.SetEndpoint(null);
        context.Features.Get<IRouteValuesFeature>()?.RouteValues.Clear();
        context.Request.Path = path;
        context.Request.QueryString = QueryString.Empty;
        try
        {
            await status.Next(context);
        }
        finally
        {
            context.Request.Path = originalPath;
            context.Request.QueryString = originalQuery;
            context.SetEndpoint(originalEndpoint);
        }
    }

    /// <summary>A small portal page for answers that have no page of their own (not found, too many attempts, failures).</summary>
    public static Task WritePageAsync(HttpContext context, string title, string message, string link, string linkText)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><title>{WebUtility.HtmlEncode(title)} · Roster</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/roster.css\">" +
            $"<main class=\"public\"><div class=\"brand\">Roster</div><section class=\"card narrow\"><h1>{WebUtility.HtmlEncode(title)}</h1>" +
            $"<p>{WebUtility.HtmlEncode(message)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(linkText)}</a></p></section></main></html>");
    }

    private static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Request.IsApi())
            await ConnectJson.WriteProblemAsync(context, status, code, message);
        else
        {
            context.Response.StatusCode = status;
            await WritePageAsync(context, "The request could not be read", message, "/", "Back to Roster");
        }
    }
}
