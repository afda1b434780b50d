using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Roster.Accounts;
using Roster.Data;
using Roster.Querying;
using Roster.Sessions;
using Roster.Tokens;
using Roster.Users;

namespace Roster;

public static class RosterServices
{
    /// <summary>Everything below the host: data, identity, use cases. The host adds HTTP on top.</summary>
    public static IServiceCollection AddRoster(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddRosterData(configuration);
        services.AddRosterMail(configuration);
        services.Configure<SessionPolicy>(configuration.GetSection(SessionPolicy.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                // Roster's PasswordPolicy holds the password rules; Identity's own validator is left with none of its own.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
            })
            .AddEntityFrameworkStores<RosterDbContext>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = security.PasswordHashIterations);
        services.AddSingleton<Sessions.DecoyPasswordHash>();
        services.AddMetrics();
        services.AddSingleton<Common.RosterMetrics>();
        services.AddScoped<Data.RequestFailures>();
        services.AddScoped<Security.PasswordCheck>();

        services.AddScoped<CreateAccount>();
        services.AddScoped<UpdateAccount>();
        services.AddScoped<SignIn>();
        services.AddScoped<SignInAttempts>();
        services.AddSingleton<DeviceCookies>();
        services.AddScoped<PasswordConfirmation>();
        services.AddScoped<OpenSession>();
        services.AddScoped<CompleteSignIn>();
        services.AddScoped<SignOut>();
        services.AddScoped<ResolveSession>();
        services.AddScoped<SwitchAccount>();
        services.AddScoped<TerminateSession>();
        services.AddScoped<TerminateOtherSessions>();
        services.AddScoped<SessionList>();
        services.AddScoped<ActiveAccount>();
        services.AddScoped<Profile.UpdateProfile>();
        services.AddScoped<CreateToken>();
        services.AddScoped<UpdateToken>();
        services.AddScoped<DeleteToken>();
        services.AddScoped<ChangeTokenStatus>();
        services.AddScoped<RotateToken>();
        services.AddScoped<ChangeTokenPermissions>();
        services.AddScoped<ResolveToken>();
        services.AddScoped<TokenList>();
        services.AddScoped<CreateUser>();
        // Groups
        services.AddScoped<Groups.CreateGroup>();
        services.AddScoped<Groups.UpdateGroup>();
        services.AddScoped<Groups.DeleteGroup>();
        services.AddScoped<Groups.GrantGroupPermissions>();
        services.AddScoped<Groups.RevokeGroupPermissions>();
        services.AddScoped<Groups.SetGroupPermissions>();
        services.AddScoped<Groups.AddGroupMember>();
        services.AddScoped<Groups.RemoveGroupMember>();
        services.AddScoped<Groups.GroupList>();
        services.AddScoped<Groups.GroupDetails>();
        services.AddScoped<Contacts.ContactList>();
        services.AddScoped<Partners.PartnerList>();
        services.AddScoped<Accounts.AccountDetails>();
        services.AddScoped<Modules.ModuleList>();
        // Contacts and partners
        services.AddScoped<Contacts.ChangeContacts>();
        services.AddScoped<Partners.InvitePartner>();
        services.AddScoped<Partners.AcceptPartnership>();
        services.AddScoped<Partners.TerminatePartnership>();
        services.Configure<Invitations.InvitationOptions>(configuration.GetSection(Invitations.InvitationOptions.Section));
        // A host registers its own first, one that knows the address it listens on.
        services.TryAddSingleton(Common.PublicAddress.From(configuration));
        services.AddSingleton<Invitations.InvitationLinks.KeyCache>();
        services.AddScoped<Invitations.InvitationLinks>();
        services.AddScoped<Invitations.InvitationIssuer>();
        services.AddScoped<Invitations.ReinviteMember>();
        services.AddScoped<Invitations.RevokeInvitation>();
        services.AddScoped<Invitations.OpenInvitation>();
        services.AddScoped<Invitations.AcceptInvitation>();
        services.AddScoped<Invitations.ExpireInvitations>();
        services.AddScoped<Invitations.RequestNewInvitation>();
        services.AddHostedService<Invitations.InvitationExpiryService>();
        services.Configure<Audit.AuditOptions>(configuration.GetSection(Audit.AuditOptions.Section));
        services.AddScoped<Audit.PurgeAuditEntries>();
        services.AddScoped<Audit.AuditTrail>();
        services.AddHostedService<Audit.AuditRetentionService>();
        services.AddScoped<Security.PurgeAddressWindows>();
        services.AddHostedService<Security.AddressWindowSweeper>();
        services.AddScoped<InviteMember>();
        services.AddScoped<UpdateMember>();
        services.AddScoped<RemoveMember>();
        services.AddScoped<MemberViews>();
        services.AddScoped<MemberPages>();
        services.AddScoped<MemberList>();
        services.AddScoped<MemberDetails>();
        services.AddScoped<MemberOverview>();
        services.AddScoped<InvitationPreview>();
        services.AddScoped<VisibleUsers>();
        services.AddScoped<ExportMembers>();
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddScoped<SaveListPreference>();
        // Two-factor authentication and the accounts' MFA policy
        services.AddSingleton<Mfa.AuthenticatorKeys>();
        services.AddScoped<Mfa.SecondFactor>();
        services.AddScoped<Mfa.StartAuthenticatorEnrolment>();
        services.AddScoped<Mfa.ConfirmAuthenticator>();
        services.AddScoped<Mfa.DisableAuthenticator>();
        services.AddScoped<Mfa.AuthenticatorStatus>();
        services.AddScoped<ReadAccountSettings>();
        services.AddScoped<ChangeMfaPolicy>();
        services.AddScoped<Security.MfaPolicyGate>();
        services.AddScoped<Setup.CreateFirstAdministrator>();
        services.AddSingleton<Setup.SetupLink>();
        services.Configure<Setup.BootstrapOptions>(configuration.GetSection(Setup.BootstrapOptions.Section));
        // Passwords: one policy; change, reset and deleting one's own user
        services.AddSingleton<Security.PasswordPolicy>();
        services.AddScoped<Profile.ChangePassword>();
        services.AddScoped<Profile.RequestPasswordReset>();
        services.AddScoped<Profile.ResetPassword>();
        services.AddScoped<Profile.DeleteOwnUser>();
        services.AddScoped<Profile.LeaveAccount>();
        services.AddScoped<Profile.ViewerPreferences>();
        services.AddScoped<Profile.OwnProfile>();
        services.AddScoped<Accounts.WorkplaceQuery>();
        services.AddScoped<Security.TakeAddressAttempt>();
        // Idempotency-Key: claims, and the hourly purge of keys past their day
        services.AddScoped<Idempotency.ClaimIdempotencyKey>();
        services.AddScoped<Idempotency.PurgeIdempotencyKeys>();
        services.AddHostedService<Idempotency.IdempotencyKeyPurgeService>();
        return services;
    }
}

public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int PasswordMinLength { get; set; } = 8;

    /// <summary>PBKDF2-HMAC-SHA512 iterations; OWASP's 2023+ guidance is 210,000.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>Failed proofs of identity a client may make in <see cref="LockoutDuration"/> before it is locked out for as long.</summary>
    public int LockoutAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a device cookie lets a browser keep its own failure count (OWASP's device cookies).</summary>
    public TimeSpan DeviceCookieLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Reset mails one user may be sent in an hour; further requests are answered alike and send nothing.</summary>
    public int PasswordResetsPerHour { get; set; } = 3;

    /// <summary>Sign-in attempts (and other proofs of a password) one client address may make per minute, on all nodes together.</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 60;

    /// <summary>How long a mailed password-reset link works.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
