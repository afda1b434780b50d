using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Invitations;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Every kind of audit entry, each produced the way a client produces it and read back from the audit trail of the
/// account it belongs to, or from the person's own history when it is personal (ADR 0009). The last test holds the
/// list to the enum, so a new kind of change cannot go untested.
/// </summary>
public sealed partial class AuditEntryTests(OpenDomainServer server) : IClassFixture<OpenDomainServer>
{
    private const string NewPassword = "a brand new long passphrase";
    private const string ResetPassword = "the passphrase after the reset";
    private const string ClientId = "roster-audit";
    private const string ClientSecret = "the audited provider's client secret";
    private static readonly string[] Scopes = ["email", "profile", "groups"];

    /// <summary>One change: what it does, the entry it must leave, and on whose trail, by whom, about what.</summary>
    private sealed record Step(string Change, Func<Task> Act, AuditAction Action, Func<string> Trail, Func<string> ActorId, Func<string?> ObjectId);

    [Fact]
    public async Task EveryKindOfChange_LeavesItsNumberedEntry_OnTheTrailOfItsAccount()
    {
        // The provider signs its ID tokens at the real time; every step below only moves the clock on from there.
        server.Clock.CatchUpWithRealTime();
        await using var peer = await OidcProvider.StartAsync(new OidcProvider.Client(ClientId, ClientSecret, [new Uri(server.BaseAddress, "/sso/*").ToString()]));
        var admin = await server.SignedInClientAsync();
        var reader = admin;
        var accountId = await admin.ActiveAccountIdAsync();
        var adminId = await MfaSteps.MyIdAsync(admin);
        var accounts = $"/public/v1/accounts/{accountId}";
        var distributor = await server.NewAccountAsync("distributor", $"Audit Distribution {Guid.NewGuid():N}"[..30]);
        var subjectEmail = $"subject-{Guid.NewGuid():N}@frontstreet.test";
        var subjectId = await UsersOnServer.CreateAsync(server, subjectEmail, "Sam Subject");
        var subject = server.CreateClient();
        var subjectPassword = UsersOnServer.Password;
        HttpClient? spare = null;
        MfaSteps.Enabled? mfa = null;
        var domainName = DomainServer.NewDomain("audit");
        string domainId = "", domainToken = "", takenId = "", idpId = "", passwordsId = "", oliveId = "", deeId = "", deeEmail = "";
        string contactId = "", mediaId = "", newAccountId = "", leaverId = "", groupId = "", otherGroupId = "", tokenId = "", inviteeId = "", lapsingId = "", lapsingEmail = "";
        string System() => "system";
        // Not an account: the subject's own history, which only they read.
        const string personalTrail = "personal";
        string Personal() => personalTrail;
        string Admin() => adminId;
        string Subject() => subjectId;
        string Account() => accountId;

        string ruleId = "", probeId = "", probeHeader = "", lapsedId = "", lapsedHeader = "";
        var steps = new Step[]
        {
            new("create an account", async () => newAccountId = Id(await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Audit Side Co" })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.AccountCreated, () => newAccountId, Admin, () => newAccountId),
            new("rename the account and back", async () =>
                {
                    // Saving the name it already has is no change and leaves no entry.
                    await (await admin.PutJsonAsync(accounts, new { name = RosterServer.AccountName + " Renamed" })).ExpectAsync(HttpStatusCode.OK);
                    await (await admin.PutJsonAsync(accounts, new { name = RosterServer.AccountName })).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.AccountUpdated, Account, Admin, Account),
            new("change the MFA policy", async () =>
                {
                    await (await admin.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK);
                    await (await admin.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "optional" } })).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.AccountMfaPolicyChanged, Account, Admin, Account),
            new("describe the account's public profile", async () => await (await admin.PutJsonAsync(accounts, new { headquarters = $"{Guid.NewGuid():N}" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.AccountProfileUpdated, Account, Admin, Account),
            new("upload an image", async () => mediaId = Id(await (await admin.PostJsonAsync($"{accounts}/media", Images.Json(Images.Png(1, 1), position: 8))).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.MediaUploaded, Account, Admin, () => mediaId),
            new("replace the image", async () => await (await admin.PutJsonAsync($"{accounts}/media/{mediaId}", Images.Json(Images.Jpeg(2, 2)))).ExpectAsync(HttpStatusCode.OK),
                AuditAction.MediaReplaced, Account, Admin, () => mediaId),
            new("delete the image", async () => (await admin.DeleteAsync($"{accounts}/media/{mediaId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.MediaDeleted, Account, Admin, () => mediaId),

            new("create a group", async () => groupId = Id(await (await admin.PostJsonAsync($"{accounts}/groups", new { name = $"G{Guid.NewGuid():N}"[..10] })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.GroupCreated, Account, Admin, () => groupId),
            new("rename the group", async () => await (await admin.PutJsonAsync($"{accounts}/groups/{groupId}", new { name = $"H{Guid.NewGuid():N}"[..10] })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.GroupUpdated, Account, Admin, () => groupId),
            new("grant a module", async () => await (await admin.PostJsonAsync($"{accounts}/groups/{groupId}/permissions", new[] { new { id = "MD-0005" } })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.GroupPermissionGranted, Account, Admin, () => groupId),
            new("revoke the module", async () => (await admin.DeleteAsync($"{accounts}/groups/{groupId}/permissions/MD-0005")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.GroupPermissionRevoked, Account, Admin, () => groupId),

            new("add an existing user", async () => await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Sam Subject", email = subjectEmail, groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.MemberJoined, Account, Admin, Subject),
            new("change the member's groups", async () =>
                {
                    otherGroupId = Id(await (await admin.PostJsonAsync($"{accounts}/groups", new { name = $"O{Guid.NewGuid():N}"[..10] })).ExpectAsync(HttpStatusCode.Created));
                    await (await admin.PutJsonAsync($"{accounts}/users/{subjectId}", new { groups = new[] { new { id = groupId }, new { id = otherGroupId } } })).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.MemberUpdated, Account, Admin, Subject),
            new("remove the member from a group", async () => (await admin.DeleteAsync($"{accounts}/groups/{otherGroupId}/users/{subjectId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.GroupMemberRemoved, Account, Admin, () => otherGroupId),
            new("add the member to a group", async () => await (await admin.PostJsonAsync($"{accounts}/groups/{otherGroupId}/users", new { id = subjectId })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.GroupMemberAdded, Account, Admin, () => otherGroupId),
            new("choose the contacts", async () => await (await admin.PutJsonAsync($"{accounts}/contacts", new { technical = new[] { new { id = adminId } }, business = new[] { new { id = subjectId } } })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.ContactsChanged, Account, Admin, Account),
            new("delete a group", async () => (await admin.DeleteAsync($"{accounts}/groups/{otherGroupId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.GroupDeleted, Account, Admin, () => otherGroupId),

            new("invite a new person", async () => inviteeId = Id(await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Ivy Invitee", email = $"ivy-{Guid.NewGuid():N}@frontstreet.test", groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.MemberInvited, Account, Admin, () => inviteeId),
            new("resend the invitation", async () => await (await admin.PostJsonAsync($"{accounts}/users/{inviteeId}/reinvite", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.InvitationResent, Account, Admin, () => inviteeId),
            new("revoke the invitation", async () => await (await admin.PostJsonAsync($"{accounts}/users/{inviteeId}/revoke", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.InvitationRevoked, Account, Admin, () => inviteeId),
            new("activate the revoked invitation", async () => await (await admin.PostJsonAsync($"{accounts}/users/{inviteeId}/activate", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.MemberActivated, Account, Admin, () => inviteeId),
            new("remove the invitee", async () => (await admin.DeleteAsync($"{accounts}/users/{inviteeId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.MemberRemoved, Account, Admin, () => inviteeId),

            new("invite a partner", async () => await (await admin.PostJsonAsync("/public/v1/partners", new { id = distributor.Id })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.PartnerInvited, Account, Admin, () => distributor.Id),
            new("accept the partnership", async () => await (await distributor.Admin.PostJsonAsync($"/public/v1/partners/{accountId}/accept", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.PartnerAccepted, () => distributor.Id, () => distributor.AdminId, Account),
            new("end the partnership", async () => await (await admin.PostJsonAsync($"/public/v1/partners/{distributor.Id}/terminate", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.PartnerTerminated, Account, Admin, () => distributor.Id),

            new("create a token", async () => tokenId = Id(await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "audited" })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.TokenCreated, Account, Admin, () => tokenId),
            new("rename the token", async () => await (await admin.PutJsonAsync($"/public/v1/auth/tokens/{tokenId}", new { name = "audited 2" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.TokenUpdated, Account, Admin, () => tokenId),
            new("grant the token a module", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/permissions", new[] { new { id = "MD-0001" }, new { id = "MD-0005" } })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.TokenPermissionGranted, Account, Admin, () => tokenId),
            new("revoke a module of the token", async () => (await admin.DeleteAsync($"/public/v1/auth/tokens/{tokenId}/permissions/MD-0005")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.TokenPermissionRevoked, Account, Admin, () => tokenId),
            new("activate the token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.TokenActivated, Account, Admin, () => tokenId),
            new("deactivate the token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.TokenDeactivated, Account, Admin, () => tokenId),
            new("rotate the token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/rotate", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.TokenRotated, Account, Admin, () => tokenId),
            new("renew the token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/renew", null)).ExpectAsync(HttpStatusCode.OK),
                AuditAction.TokenRenewed, Account, Admin, () => tokenId),
            new("call with a token past its expiry", async () =>
                {
                    var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "lapsing", expiration_date = server.Clock.GetUtcNow().AddMinutes(1) })).ExpectAsync(HttpStatusCode.Created);
                    (lapsedId, lapsedHeader) = (Id(created), created["token"]!.GetValue<string>());
                    await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{lapsedId}/activate", null)).ExpectAsync(HttpStatusCode.OK);
                    server.Clock.Advance(TimeSpan.FromMinutes(2));
                    await (await server.WithApiKey(lapsedHeader).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
                },
                AuditAction.TokenExpiredUse, Account, () => lapsedId, () => lapsedId),
            new("allow one address", async () =>
                {
                    probeHeader = await admin.CreateActiveTokenAsync("MD-0001");
                    probeId = probeHeader.Split(' ', ':')[1];
                    ruleId = Id(await (await admin.PostJsonAsync($"/public/v1/acl/{accountId}/rules", new { value = "127.0.0.1" })).ExpectAsync(HttpStatusCode.Created));
                },
                AuditAction.AccessRuleAdded, Account, Admin, () => ruleId),
            new("comment the rule", async () => await (await admin.PutJsonAsync($"/public/v1/acl/{accountId}/rules/{ruleId}", new { value = "127.0.0.1", comment = "here" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.AccessRuleUpdated, Account, Admin, () => ruleId),
            new("bind members to the rules", async () => await (await admin.PutJsonAsync("/public/v1/modules/MD-0007/settings", new { acl = new { members = true } })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.AccessCoverageChanged, Account, Admin, Account),
            new("call with a token from another address", async () => await (await server.From("127.0.0.2", probeHeader).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden),
                AuditAction.AddressRefused, Account, () => probeId, Account),
            new("remove the rule", async () => (await admin.DeleteAsync($"/public/v1/acl/{accountId}/rules/{ruleId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.AccessRuleRemoved, Account, Admin, () => ruleId),
            new("clear the rules", async () =>
                {
                    await (await admin.PostJsonAsync($"/public/v1/acl/{accountId}/rules", new { value = "127.0.0.0/8" })).ExpectAsync(HttpStatusCode.Created);
                    (await admin.DeleteAsync($"/public/v1/acl/{accountId}/rules")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                },
                AuditAction.AccessRulesCleared, Account, Admin, Account),
            new("delete the token", async () => (await admin.DeleteAsync($"/public/v1/auth/tokens/{tokenId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.TokenDeleted, Account, Admin, () => tokenId),

            new("add a domain", async () =>
                {
                    var added = await DomainServer.AddDomainAsync(admin, domainName);
                    (domainId, domainToken) = (Id(added), added["token"]!.GetValue<string>());
                },
                AuditAction.DomainAdded, Account, Admin, () => domainId),
            new("name the domain", async () => await (await admin.PutJsonAsync($"/public/v1/domains/{domainId}", new { name = "Audit Mail" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.DomainUpdated, Account, Admin, () => domainId),
            new("verify the domain before its record is published", async () =>
                {
                    // Another account claims the name too while it is nobody's yet.
                    takenId = Id(await DomainServer.AddDomainAsync(distributor.Admin, domainName));
                    var failed = await (await admin.PostJsonAsync($"/public/v1/domains/{domainId}/verify", null)).ExpectAsync(HttpStatusCode.OK);
                    failed["status"]!.GetValue<string>().ShouldBe("failed");
                },
                AuditAction.DomainVerificationFailed, Account, Admin, () => domainId),
            new("verify the domain", async () =>
                {
                    var taken = await (await distributor.Admin.GetAsync($"/public/v1/domains/{takenId}")).ExpectAsync(HttpStatusCode.OK);
                    server.Dns.Publish($"_roster.{domainName}", $"roster-verification={domainToken}", $"roster-verification={taken["token"]!.GetValue<string>()}");
                    var verified = await (await admin.PostJsonAsync($"/public/v1/domains/{domainId}/verify", null)).ExpectAsync(HttpStatusCode.OK);
                    verified["status"]!.GetValue<string>().ShouldBe("verified");
                },
                AuditAction.DomainVerified, Account, Admin, () => domainId),
            new("verify a domain another account holds", async () =>
                {
                    var rejected = await (await distributor.Admin.PostJsonAsync($"/public/v1/domains/{takenId}/verify", null)).ExpectAsync(HttpStatusCode.OK);
                    rejected["status"]!.GetValue<string>().ShouldBe("rejected");
                },
                AuditAction.DomainRejected, () => distributor.Id, () => distributor.AdminId, () => takenId),
            new("connect an identity provider", async () => idpId = Id(await (await admin.PostJsonAsync("/public/v1/idps", new
                {
                    name = "Audit Login", type = "openid",
                    settings = new
                    {
                        issuer = peer.Issuer, client_id = ClientId, client_secret = ClientSecret, scopes = Scopes,
                        group = new { attributes = new { external_id = "groups" }, auto = true },
                    },
                })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.IdentityProviderAdded, Account, Admin, () => idpId),
            new("describe the identity provider", async () => await (await admin.PutJsonAsync($"/public/v1/idps/{idpId}", new { description = "Everyone at the audit domain" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.IdentityProviderUpdated, Account, Admin, () => idpId),
            new("enforce the provider for the domain", async () =>
                    await (await admin.PutJsonAsync($"/public/v1/domains/{domainId}", new { auth = new { idp = new { id = idpId }, enforce = true } })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.DomainEnforcementChanged, Account, Admin, () => domainId),
            new("point a person of the domain at another provider", async () =>
                {
                    var oliveEmail = $"olive-{Guid.NewGuid():N}@{domainName}";
                    oliveId = await UsersOnServer.CreateAsync(server, oliveEmail, "Olive Override");
                    await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Olive Override", email = oliveEmail, groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created);
                    passwordsId = Id(await (await admin.PostJsonAsync("/public/v1/idps", new { name = "Audit Passwords", type = "system" })).ExpectAsync(HttpStatusCode.Created));
                    await (await admin.PutJsonAsync($"/public/v1/domains/{domainId}/users/{oliveId}", new { idp = new { id = passwordsId } })).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.DomainUserProviderChanged, Account, Admin, () => oliveId),
            new("sign in through the provider as nobody the account invited", async () =>
                    (await server.CreateClient().SignInThroughAsync(idpId, $"nobody-{Guid.NewGuid():N}@{domainName};name=No Body")).SetsSession().ShouldBeFalse(),
                AuditAction.SsoSignInRefused, Account, System, () => idpId),
            new("sign in through the provider with its groups", async () =>
                {
                    var salesId = Id(await (await admin.PostJsonAsync($"{accounts}/groups", new { name = $"S{Guid.NewGuid():N}"[..10], external_id = "audit-sales" })).ExpectAsync(HttpStatusCode.Created));
                    deeEmail = $"dee-{Guid.NewGuid():N}@{domainName}";
                    deeId = await UsersOnServer.CreateAsync(server, deeEmail, "Dee Domain");
                    await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Dee Domain", email = deeEmail, groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created);
                    (await server.CreateClient().SignInThroughAsync(idpId, $"{deeEmail};name=Dee Domain;groups=audit-sales")).SetsSession().ShouldBeTrue();
                    (await (await admin.GetAsync($"{accounts}/groups/{salesId}/users")).ExpectAsync(HttpStatusCode.OK)).AsArray().Select(u => Id(u!)).ShouldBe([deeId]);
                },
                AuditAction.SsoGroupsSynchronized, Account, () => deeId, () => deeId),
            new("remove the domain", async () => (await admin.DeleteAsync($"/public/v1/domains/{domainId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.DomainRemoved, Account, Admin, () => domainId),
            new("disconnect the identity provider", async () => (await admin.DeleteAsync($"/public/v1/idps/{idpId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.IdentityProviderRemoved, Account, Admin, () => idpId),

            new("sign in", async () => await (await MfaSteps.LoginAsync(subject, subjectEmail, subjectPassword)).ExpectAsync(HttpStatusCode.Created),
                AuditAction.SignInSucceeded, Account, Subject, Subject),
            new("fail to sign in", async () => await (await MfaSteps.LoginAsync(server.CreateClient(), subjectEmail, "not the password at all")).ExpectErrorAsync(HttpStatusCode.Unauthorized),
                AuditAction.SignInFailed, Personal, Subject, Subject),
            new("switch account", async () =>
                {
                    var switcher = await server.SignedInClientAsync();
                    await (await switcher.PostJsonAsync("/public/v1/auth/context", new { account = new { id = newAccountId } })).ExpectAsync(HttpStatusCode.Created);
                },
                AuditAction.AccountSwitched, () => newAccountId, Admin, () => newAccountId),
            new("sign out", async () =>
                {
                    var other = server.CreateClient();
                    await (await MfaSteps.LoginAsync(other, subjectEmail, subjectPassword)).ExpectAsync(HttpStatusCode.Created);
                    await (await other.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.SignedOut, Account, Subject, () => null),
            new("end another session", async () =>
                {
                    spare = server.CreateClient();
                    await (await MfaSteps.LoginAsync(spare, subjectEmail, subjectPassword)).ExpectAsync(HttpStatusCode.Created);
                    var spareId = Id((await (await spare.GetAsync($"/public/v1/users/{subjectId}/sessions?current=true")).ExpectAsync(HttpStatusCode.OK))[0]!);
                    await (await subject.PostJsonAsync($"/public/v1/users/{subjectId}/sessions/{spareId}/terminate", null)).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.SessionTerminated, Personal, Subject, Subject),
            new("end every other session", async () =>
                {
                    await (await MfaSteps.LoginAsync(server.CreateClient(), subjectEmail, subjectPassword)).ExpectAsync(HttpStatusCode.Created);
                    await (await subject.PostJsonAsync($"/public/v1/users/{subjectId}/sessions/terminate-others", null)).ExpectAsync(HttpStatusCode.OK);
                },
                AuditAction.OtherSessionsTerminated, Personal, Subject, Subject),

            new("update the profile", async () => await (await subject.PutJsonAsync($"/public/v1/users/{subjectId}", new { name = "Sam Subject-Jones" })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.ProfileUpdated, Personal, Subject, Subject),
            new("add a phone to reach them", async () =>
                    contactId = Id(await (await subject.PostJsonAsync($"/public/v1/users/{subjectId}/contacts",
                        new { type = "phone", value = new { country_code = "+1", area_code = "212", phone_number = "555 0100" } })).ExpectAsync(HttpStatusCode.Created)),
                AuditAction.UserContactAdded, Personal, Subject, Subject),
            new("remove the phone", async () => (await subject.DeleteAsync($"/public/v1/users/{subjectId}/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.UserContactRemoved, Personal, Subject, Subject),
            new("sign up again with their email", async () =>
                    await (await server.CreateClient().PostJsonAsync("/public/v1/users", new { email = subjectEmail, name = "Sam Again" })).ExpectAsync(HttpStatusCode.Created),
                AuditAction.UserSignedUp, Personal, Subject, Subject),
            new("change the password", async () =>
                {
                    await (await subject.PostJsonAsync("/public/v1/auth/password/change", new { old_password = subjectPassword, password = NewPassword })).ExpectAsync(HttpStatusCode.Created);
                    subjectPassword = NewPassword;
                },
                AuditAction.PasswordChanged, Personal, Subject, Subject),
            new("turn on two-factor sign-in", async () => mfa = await MfaSteps.EnableAsync(server, subject),
                AuditAction.MfaEnabled, Personal, Subject, Subject),
            new("sign in with a recovery code", async () => await (await MfaSteps.LoginAsync(server.CreateClient(), subjectEmail, subjectPassword, mfa!.RecoveryCodes[0])).ExpectAsync(HttpStatusCode.Created),
                AuditAction.RecoveryCodeUsed, Personal, Subject, Subject),
            new("turn off two-factor sign-in", async () => (await subject.DeleteJsonAsync($"/public/v1/users/{subjectId}/mfa/authenticator", new { password = subjectPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.MfaDisabled, Personal, Subject, Subject),
            new("ask for a password reset", async () => await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email = subjectEmail })).ExpectAsync(HttpStatusCode.OK),
                AuditAction.PasswordResetRequested, Personal, Subject, Subject),
            new("reset the password", async () =>
                {
                    var mail = await server.MailToAsync(subjectEmail, "Reset your Roster password");
                    var token = ResetLink().Match(mail.Body).Groups[1].Value;
                    await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token, password = ResetPassword })).ExpectAsync(HttpStatusCode.Created);
                    subject = server.CreateClient();
                    subjectPassword = ResetPassword;
                    await (await MfaSteps.LoginAsync(subject, subjectEmail, subjectPassword)).ExpectAsync(HttpStatusCode.Created);
                },
                AuditAction.PasswordReset, Personal, Subject, Subject),
            new("leave the account", async () =>
                {
                    var leaverEmail = $"leaver-{Guid.NewGuid():N}@frontstreet.test";
                    leaverId = await UsersOnServer.CreateAsync(server, leaverEmail, "Lou Leaver");
                    await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Lou Leaver", email = leaverEmail, groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created);
                    var leaver = await server.SignedInClientAsync(leaverEmail, UsersOnServer.Password);
                    (await leaver.DeleteAsync($"/public/v1/users/{leaverId}/accounts/{accountId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                },
                AuditAction.MemberLeft, Account, () => leaverId, () => leaverId),
            new("delete an account", async () =>
                {
                    var doomed = Id(await (await subject.PostJsonAsync("/public/v1/accounts", new { name = "Audit Doomed Co" })).ExpectAsync(HttpStatusCode.Created));
                    (await subject.DeleteAsync($"/public/v1/accounts/{doomed}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                },
                AuditAction.AccountDeleted, Personal, Subject, Subject),
            new("delete one's own user", async () => (await subject.DeleteJsonAsync($"/public/v1/users/{subjectId}", new { password = subjectPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent),
                AuditAction.UserDeleted, Account, Subject, Subject),

            new("let an invitation lapse", async () =>
                {
                    lapsingEmail = $"late-{Guid.NewGuid():N}@frontstreet.test";
                    lapsingId = Id(await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Lee Late", email = lapsingEmail, groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created));
                    server.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
                    await using var scope = server.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ExpireInvitations>().HandleAsync();
                    reader = await server.SignedInClientAsync();
                },
                AuditAction.InvitationExpired, Account, System, () => lapsingId),
            new("ask for a new invitation", async () =>
                {
                    var link = MailingServer.LinkIn(await server.MailToAsync(lapsingEmail));
                    var asked = await server.SubmitInvitationFormAsync(link, "RequestNew", []);
                    asked.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
                },
                AuditAction.InvitationRenewalRequested, Account, () => lapsingId, () => lapsingId),
        };

        foreach (var step in steps)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            var before = server.Clock.GetUtcNow();
            await step.Act();
            var personal = step.Trail() == personalTrail;
            var trailReader = personal ? subject : step.Trail() == distributor.Id ? distributor.Admin : reader;
            var trail = personal ? $"/public/v1/users/{step.ActorId()}/audit" : $"/public/v1/accounts/{step.Trail()}/audit";
            var newest = (await (await trailReader.GetAsync($"{trail}?eq(action,{(int)step.Action})&limit=1")).ExpectAsync(HttpStatusCode.OK)).AsArray();
            newest.Count.ShouldBe(1, step.Change);
            var entry = newest[0]!;
            entry["at"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(before, step.Change);
            entry["action"]!["name"]!.GetValue<string>().ShouldBe(AuditListing.Name(step.Action), step.Change);
            (entry["account"]!["id"]?.GetValue<string>()).ShouldBe(personal ? null : step.Trail(), step.Change);
            if (personal)
            {
                // A personal event never reaches the trail of the account the person works in.
                (await reader.GetAsync($"/public/v1/accounts/{accountId}/audit?eq(action,{(int)step.Action})&eq(object.id,{subjectId})&limit=0")).ContentRange().ShouldEndWith("/0", customMessage: step.Change);
            }
            entry["actor"]!["id"]!.GetValue<string>().ShouldBe(step.ActorId(), step.Change);
            if (step.ObjectId() is { } objectId) entry["object"]!["id"]!.GetValue<string>().ShouldBe(objectId, step.Change);
        }

        steps.Select(s => s.Action).Order().ShouldBe(Enum.GetValues<AuditAction>().Order(), "every kind of entry has a step above");
    }

    private static string Id(JsonNode body) => body["id"]!.GetValue<string>();


    [GeneratedRegex(@"/reset-password\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResetLink();
}
