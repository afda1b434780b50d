using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Roster.Sessions;

namespace Roster.Web.Auth;

/// <summary>
/// The portal never leaves a person on pages of an account they lost: a session whose account is no longer theirs
/// moves to another of their accounts and the page says so once (the layout shows <see cref="NoticeKey"/>). Someone
/// with no account at all is led to General, which says how to get one, rather than finding "Page not found".
/// </summary>
public static class StrandedSessions
{
    public const string NoticeKey = "WorkingAccountNotice";
    private const string NoAccountPage = "/settings/general";

    public static IApplicationBuilder UseStrandedSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var actor = context.ActorOrNull();
        if (actor is not { IsUser: true } || context.Request.IsApi() || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next();
            return;
        }
        var moved = await context.RequestServices.GetRequiredService<MoveStrandedSession>().HandleAsync(actor, context.RequestAborted);
        if (moved is not null)
        {
            var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
            tempData[NoticeKey] = Message(moved);
            tempData.Save();
            // Read again from the start, in the account the session is in now; a form sent for the lost one is not run.
            context.Response.Redirect(moved.To is null ? NoAccountPage : context.Request.Path + (HttpMethods.IsGet(context.Request.Method) ? context.Request.QueryString : default));
            return;
        }
        if (actor.AccountId is null && NeedsAccount(context.Request.Path))
        {
            context.Response.Redirect(NoAccountPage);
            return;
        }
        await next();
    });

    private static bool NeedsAccount(PathString path) =>
        path.StartsWithSegments("/settings") && !path.StartsWithSegments(NoAccountPage);

    private static string Message(SessionMoved moved)
    {
        var what = moved.FromName is null ? null
            : moved.FromDeleted ? $"{moved.FromName} was deleted." : $"You are no longer a member of {moved.FromName}.";
        var now = moved.To is null ? "You are not a member of any account now." : $"You are now working in {moved.To.Name}.";
        return what is null ? now : $"{what} {now}";
    }
}
