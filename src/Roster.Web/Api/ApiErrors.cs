using Microsoft.AspNetCore.Diagnostics;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>Makes sure no API answer goes out without Connect's error body, whatever failed.</summary>
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
        await WriteAsync(context, StatusCodes.Status500InternalServerError, "server.error",
            "Something went wrong on our side. The change was not applied; try again.");
    });

    public static async Task HandleStatusCode(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.Response.HasStarted || context.Response.ContentLength > 0) return;
        var code = context.Response.StatusCode;
        if (!context.Request.IsApi())
        {
            if (code == StatusCodes.Status404NotFound) await WritePageAsync(context, "Page not found", "There is no page at this address.");
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

    /// <summary>A small portal page for answers that have no page of their own (not found, too many attempts).</summary>
    public static Task WritePageAsync(HttpContext context, string title, string message)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><title>{title} · Roster</title><link rel=\"stylesheet\" href=\"/roster.css\">" +
            $"<main class=\"public\"><div class=\"brand\">Roster</div><section class=\"card narrow\"><h1>{title}</h1><p>{message}</p>" +
            "<p><a href=\"/\">Back to Roster</a></p></section></main></html>");
    }

    private static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Request.IsApi())
            await ConnectJson.WriteProblemAsync(context, status, code, message);
        else
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!doctype html><title>Roster</title><h1>Something went wrong</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">Back to Roster</a></p>");
        }
    }
}
