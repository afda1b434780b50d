using Microsoft.Extensions.Primitives;
using Roster.Idempotency;
using Roster.Mail;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>
/// The Idempotency-Key header on the creating endpoints marked <see cref="Idempotent"/> (ADR 0010). The first request
/// with a key is done in one transaction with the key and its answer; the same key with the same request, from the
/// same caller, within a day, gets that answer again (marked <c>Idempotent-Replayed: true</c>) without being done
/// again, on any node. Only successful answers are kept: a refusal changed nothing, so sending it again is safe.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private sealed class Marker;

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new Marker());

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var actor = context.ActorOrNull();
        if (context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is null || actor is null
            || !context.Request.Headers.TryGetValue(Header, out var sent))
        {
            await next(context);
            return;
        }
        var ct = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, ct);
        var fingerprint = IdempotencyKey.FingerprintOf(context.Request.Method, context.Request.Path + context.Request.QueryString, body);
        var claim = await context.RequestServices.GetRequiredService<ClaimIdempotencyKey>().HandleAsync(actor.Id, KeyOf(sent), fingerprint, ct);
        if (!claim.Succeeded)
        {
            await ConnectJson.Problem(claim.Error).ExecuteAsync(context);
            return;
        }
        await using var held = claim.Value;
        if (held.Earlier is { } earlier)
        {
            await ReplayAsync(context, earlier);
            return;
        }

        // The answer waits until the key, the change and the answer are committed: if that fails, the client hears so.
        var network = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = network;
        }
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            await held.CompleteAsync(new StoredAnswer(context.Response.StatusCode, context.Response.ContentType, answer.ToArray()), ct);
            // Mail the change queued was not visible to the dispatcher until now.
            context.RequestServices.GetRequiredService<OutboxSignal>().Poke();
        }
        answer.Position = 0;
        await answer.CopyToAsync(network, ct);
    });

    /// <summary>The key as sent, or as the structured-field string the IETF draft describes ("...").</summary>
    private static string KeyOf(StringValues sent)
    {
        if (sent.Count != 1) return "";
        var key = sent[0] ?? "";
        return key.Length >= 2 && key[0] == '"' && key[^1] == '"' ? key[1..^1] : key;
    }

    /// <summary>Reads the body for the fingerprint and leaves it to be read again by the endpoint.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        request.Body.Position = 0;
        return copy.ToArray();
    }

    private static async Task ReplayAsync(HttpContext context, StoredAnswer earlier)
    {
        context.Response.StatusCode = earlier.Status;
        if (earlier.ContentType is not null) context.Response.ContentType = earlier.ContentType;
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(earlier.Body, context.RequestAborted);
    }
}
