using Roster.Accounts;
using Roster.Modules;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>
/// /modules/account/settings (also as /modules/MD-0001/settings): the active account's settings. Of Connect's
/// fields Roster has the MFA policy; domain, ACL and data residency are not kept.
/// </summary>
public static class AccountSettingsEndpoints
{
    public sealed record SettingsBody(MfaBody Mfa);
    public sealed record MfaBody(string? Policy);
    public sealed record SettingsWriteBody(MfaBody? Mfa);

    public static void MapAccountSettingsEndpoints(this IEndpointRouteBuilder api)
    {
        foreach (var module in new[] { "account", ModuleCatalog.Account })
        {
            var settings = api.MapGroup($"/modules/{module}/settings").WithTags("Modules");
            settings.MapGet("", GetAsync).Produces<SettingsBody>().ProducesConnectErrors(401, 404);
            settings.MapPut("", UpdateAsync).Produces<SettingsBody>().ProducesConnectErrors(401, 403, 404);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext context, ReadAccountSettings read) =>
        (await read.HandleAsync(context.Actor(), context.RequestAborted)).ToApi(Shape);

    private static async Task<IResult> UpdateAsync(HttpContext context, ChangeMfaPolicy change)
    {
        var body = await ConnectJson.ReadAsync<SettingsWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        if (body.Value.Mfa is null)
            return new Common.Error("settings.mfa_required", "Send the policy as {\"mfa\": {\"policy\": \"optional|suggested|required\"}}.", Field: "mfa").ToApi();
        return (await change.HandleAsync(body.Value.Mfa.Policy, context.Actor(), context.RequestAborted)).ToApi(Shape);
    }

    private static SettingsBody Shape(AccountSettingsView view) => new(new MfaBody(view.MfaPolicy.ToApi()));
}
