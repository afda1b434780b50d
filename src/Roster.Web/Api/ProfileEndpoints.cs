using System.Text.Json;
using Roster.Accounts;
using Roster.Common;
using Roster.Profile;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/users/{id} and /users/{id}/accounts: the caller's own profile and accounts, and leaving one. Anyone else's are "not found".</summary>
public static class ProfileEndpoints
{
    public sealed record ProfileBody(
        string Id, string Name, string Email, string? Title, string Timezone, string Region, string Dateformat, string Timeformat,
        bool Announcements, ProfileEvents Events);
    public sealed record ProfileEvents(Event Created, Event? Signed);
    public sealed record ProfileWriteBody(
        string? Name, string? Title, string? Timezone, string? Region, string? Dateformat, string? Timeformat, bool? Announcements, string? Email);

    /// <summary>Connect's UserAccount, with the user's groups in it and whether it is the caller's active account.</summary>
    public sealed record UserAccountBody(
        string Id, string Name, string Type, string Role, string? Description, string? ExternalId, AccountEvents Events,
        IReadOnlyList<GroupBaseBody> Groups, bool Current);
    /// <summary>Connect's auth.GroupBase: a group as the user's account list carries it.</summary>
    public sealed record GroupBaseBody(string Id, string Name, string Description, string? Color, string? ExternalId, int Revision);

    public static void MapProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var user = api.MapGroup("/users/{userId}").WithTags("Profile").ProducesConnectErrors(401, 404);
        user.MapGet("", GetAsync).Produces<ProfileBody>();
        user.MapPut("", UpdateAsync).Produces<ProfileBody>();
        user.MapGet("/accounts", ListAccountsAsync).Produces<UserAccountBody[]>();
        user.MapGet("/accounts/{accountId}", GetAccountAsync).Produces<UserAccountBody>();
        // Leaving an account: only the user themself, never refused but for the account's last inviter.
        user.MapDelete("/accounts/{accountId}", async (string userId, string accountId, HttpContext context, LeaveAccount leave) =>
        {
            var left = await leave.HandleAsync(userId, accountId, context.Actor(), context.RequestAborted);
            return left.Succeeded ? Results.NoContent() : left.Error.ToApi();
        }).Produces(StatusCodes.Status204NoContent).ProducesConnectErrors(400);
        user.MapGet("/accounts/{accountId}/settings/{key}", async (string userId, string accountId, string key, HttpContext context, MenuSettings settings) =>
            (await settings.ReadAsync(context.Actor(), userId, accountId, key, context.RequestAborted)).ToApi(Settings))
            .Produces<JsonElement[]>();
        user.MapPut("/accounts/{accountId}/settings/{key}", SaveSettingsAsync).Produces<JsonElement[]>().ProducesConnectErrors(400);
    }

    // Bigger than any settings that could be kept: read no further than this.
    private const int SettingsBodyLimit = 16 * 1024;

    private static async Task<IResult> SaveSettingsAsync(string userId, string accountId, string key, HttpContext context, MenuSettings settings)
    {
        if (context.Request.ContentLength > SettingsBodyLimit)
            return new Error("settings.too_large", $"The settings can take at most {MenuSettings.MaxLength} characters of JSON.").ToApi();
        var buffer = new char[SettingsBodyLimit + 1];
        using var reader = new StreamReader(context.Request.Body);
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > SettingsBodyLimit)
            return new Error("settings.too_large", $"The settings can take at most {MenuSettings.MaxLength} characters of JSON.").ToApi();
        var saved = await settings.SaveAsync(context.Actor(), userId, accountId, key, new string(buffer, 0, read), context.RequestAborted);
        return saved.ToApi(Settings);
    }

    private static object Settings(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static ProfileBody Profile(ProfileView u) => new(
        u.Id, u.Name, u.Email, u.Title, u.TimeZone, u.Locale, u.DateFormat, u.TimeFormat, u.Announcements,
        new ProfileEvents(new Event(u.CreatedAt), u.LastSignedInAt is null ? null : new Event(u.LastSignedInAt.Value)));

    private static async Task<IResult> GetAsync(string userId, HttpContext context, OwnProfile profile) =>
        (await profile.ReadAsync(context.Actor(), userId, context.RequestAborted)).ToApi(Profile);

    private static async Task<IResult> UpdateAsync(string userId, HttpContext context, UpdateProfile update)
    {
        // Someone else's id is "not found" whatever the body holds.
        var self = Self.Require(context.Actor(), userId);
        if (!self.Succeeded) return self.Error.ToApi();
        var body = await ConnectJson.ReadAsync<ProfileWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await update.HandleAsync(
            new UpdateProfileRequest(userId, b.Name, b.Title, b.Timezone, b.Region, b.Dateformat, b.Timeformat, b.Announcements, b.Email),
            context.Actor(), context.RequestAborted);
        return result.ToApi(Profile);
    }

    private static Task<IResult> ListAccountsAsync(string userId, HttpContext context, OwnProfile profile) =>
        Listing.RespondAsync(context, (query, ct) => profile.AccountsAsync(context.Actor(), userId, query, ct),
            page => Task.FromResult(page.Select(v => (object)UserAccount(v, context.Actor()))));

    private static async Task<IResult> GetAccountAsync(string userId, string accountId, HttpContext context, OwnProfile profile) =>
        (await profile.AccountAsync(context.Actor(), userId, accountId, context.RequestAborted)).ToApi(v => UserAccount(v, context.Actor()));

    private static UserAccountBody UserAccount(UserAccountView view, Actor actor)
    {
        var account = Account(view.Account);
        return new UserAccountBody(account.Id, account.Name, account.Type, account.Role, account.Description, account.ExternalId,
            account.Events, [.. view.Groups.Select(g => new GroupBaseBody(g.Id, g.Name, g.Description ?? "", g.Color, g.ExternalId, g.Revision))], view.Account.Id == actor.AccountId);
    }
}
