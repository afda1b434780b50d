using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Profile;
using Roster.Security;
using Roster.Sso;

namespace Roster.Users;

/// <summary>Open sign-up (Connect's <c>POST /users</c>), off unless an operator turns it on.</summary>
public sealed class SignUpOptions
{
    public const string Section = "SignUp";

    /// <summary>Whether anyone may create a Roster user without an invitation. Off by default.</summary>
    public bool Enabled { get; set; }
}

public sealed record SignUpRequest(string? Email, string? Name, string? TimeZone, bool? Announcements, string? Ip = null, string? UserAgent = null);

/// <summary>
/// Creates a user without a password and mails a single-use link to choose one (a password link, with its lifetime),
/// so a user exists only for someone who can read the mailbox. An email that already has a user gets a mail saying
/// so instead, and the answer is the same either way: sign-up tells nobody who is registered. Mails to one user are
/// counted with the password links, so repeated sign-ups cannot flood a mailbox.
/// </summary>
public sealed class SignUp(
    RosterDbContext db, UserManager<User> users, CreateUser createUser, OutboxSignal signal, IOptions<SignUpOptions> options,
    IOptions<SecurityOptions> security, PublicAddress address, SignInRoutes routes, TimeProvider clock)
{
    public static readonly Error Unavailable = new("users.sign_up_unavailable",
        "Roster offers no sign-up here: people join through an invitation from an account's administrator.", ErrorKind.NotFound);

    public async Task<Result> HandleAsync(SignUpRequest request, CancellationToken ct = default)
    {
        if (!options.Value.Enabled) return Unavailable;
        var invalid = Validate(request);
        if (invalid is not null) return invalid;
        var email = request.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        var existing = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (await routes.ForEmailAsync(email, existing?.Id, ct) is { Enforced: true } route) return route.SsoRequired();

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = existing ?? await CreateAsync(request, ct);
        var mailed = existing is null || await db.TryTakeAttemptAsync(
            user.Id, AttemptCounter.PasswordResets, security.Value.PasswordResetsPerHour, TimeSpan.FromHours(1), now, ct);
        if (mailed && (existing is null || await WaitsForItsPasswordAsync(existing, ct))) await MailPasswordLinkAsync(user, now, ct);
        else if (mailed) AlreadyRegisteredMail(user, now);
        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
        db.RecordPersonal(actor, AuditAction.UserSignedUp, user.Id, user.Name, now, new { created = existing is null, mailed });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (existing is null && UniqueKeys.IsViolation(e))
        {
            // Two sign-ups for one new email at once: the other created the user and mailed the link.
            return Result.Ok();
        }

        if (mailed) signal.Poke();
        return Result.Ok();
    }

    private async Task<User> CreateAsync(SignUpRequest request, CancellationToken ct)
    {
        var user = await createUser.AddAsync(new CreateUserRequest(request.Name, request.Email, Password: null), db, ct);
        if (request.TimeZone is { } zone) user.TimeZone = zone;
        if (request.Announcements is { } news) user.Announcements = news;
        return user;
    }

    // A user made by an earlier sign-up that never chose a password: no password, no account, no provider.
    private async Task<bool> WaitsForItsPasswordAsync(User user, CancellationToken ct) =>
        user.PasswordHash is null
        && !await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct)
        && !await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct);

    private async Task MailPasswordLinkAsync(User user, DateTimeOffset now, CancellationToken ct)
    {
        var (token, expiresAt) = await PasswordReset.IssueAsync(db, user.Id, now, security.Value.PasswordResetLifetime, ct);
        Outbox.Enqueue(db, user.Email!, "Finish signing up for Roster",
            $"""
            Hello {user.Name},

            Someone signed up for Roster with this email address. If it was you, open this link and choose your password:
            {PasswordMail.ResetUrl(address, token)}

            The link works once and expires on {expiresAt:yyyy-MM-dd HH:mm} UTC. If it was not you, ignore this mail: no
            one can use the user without choosing its password through this link.
            """, now);
    }

    private void AlreadyRegisteredMail(User user, DateTimeOffset now) =>
        Outbox.Enqueue(db, user.Email!, "You already have a Roster user",
            $"""
            Hello {user.Name},

            Someone tried to sign up for Roster with this email address, which already has a user. If it was you, sign
            in instead, or choose a new password here if you forgot it:
            {address.Link("/forgot-password")}

            If it was not you, ignore this mail: nothing changed.
            """, now);

    private static Error? Validate(SignUpRequest request) => Error.Of(
        UserRules.ValidateName(request.Name),
        UserRules.ValidateEmail(request.Email),
        request.TimeZone is not null && !ProfileChoices.IsTimeZone(request.TimeZone)
            ? new Error("users.timezone_unknown",
                $"'{request.TimeZone}' is not a time zone Roster knows. Use an IANA time zone name such as {ProfileChoices.ExampleTimeZone}.",
                Field: "timezone") : null);
}
