using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>People of the single sign-on fixture's domains, made through Roster's own API.</summary>
public static class SsoPeople
{
    public static string NewEmail(string domain = SsoServer.Domain) => $"p{Guid.NewGuid():N}"[..13] + "@" + domain;

    /// <summary>Someone the account invited who has no Roster user yet.</summary>
    public static async Task<string> InviteAsync(SsoServer server, string email, string name = "Invited Person")
    {
        var admin = await server.SignedInClientAsync();
        var created = await (await admin.PostJsonAsync($"/public/v1/accounts/{server.AccountId}/users", new { name, email, groups = new[] { new { id = server.StaffGroupId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    /// <summary>A member of the account with a password of their own, who joined before single sign-on.</summary>
    public static async Task<string> MemberAsync(SsoServer server, string email, string name = "Member Person")
    {
        var id = await UsersOnServer.CreateAsync(server, email, name);
        await InviteAsync(server, email, name);
        return id;
    }
}
