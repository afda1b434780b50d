using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Roster.Accounts;
using Roster.Audit;
using Roster.Groups;
using Roster.Contacts;
using Roster.Invitations;
using Roster.Partners;
using Roster.Profile;
using Roster.Security;
using Roster.Mail;
using Roster.Modules;
using Roster.Sessions;
using Roster.Sso;
using Roster.Tokens;
using Roster.Users;

namespace Roster.Data;

/// <summary>
/// The one model of Roster. Each database provider has a thin subclass that owns its migrations
/// (<see cref="SqliteRosterDbContext"/>, <see cref="PostgresRosterDbContext"/>).
/// </summary>
public abstract class RosterDbContext(DbContextOptions options) : IdentityUserContext<User, string>(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Media.AccountMedia> AccountMedia => Set<Media.AccountMedia>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<MemberCount> MemberCounts => Set<MemberCount>();
    public DbSet<MemberSearchEntry> MemberSearch => Set<MemberSearchEntry>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupPermission> GroupPermissions => Set<GroupPermission>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<Module> Modules => Set<Module>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ApiToken> Tokens => Set<ApiToken>();
    public DbSet<TokenPermission> TokenPermissions => Set<TokenPermission>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCount> AuditCounts => Set<AuditCount>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ListPreference> ListPreferences => Set<ListPreference>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<AccountContact> AccountContacts => Set<AccountContact>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<AttemptCounter> AttemptCounters => Set<AttemptCounter>();
    public DbSet<AddressWindow> AddressWindows => Set<AddressWindow>();
    public DbSet<Idempotency.IdempotencyKey> IdempotencyKeys => Set<Idempotency.IdempotencyKey>();
    public DbSet<Domain> Domains => Set<Domain>();
    public DbSet<DomainUser> DomainUsers => Set<DomainUser>();
    public DbSet<IdentityProvider> IdentityProviders => Set<IdentityProvider>();
    public DbSet<Acl.AccessRule> AccessRules => Set<Acl.AccessRule>();
    public DbSet<Acl.AccessListSettings> AccessListSettings => Set<Acl.AccessListSettings>();
    public DbSet<UserContact> UserContacts => Set<UserContact>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The lower-case domain of the row's "Email", in the provider's SQL, for the computed EmailDomain columns.</summary>
    protected abstract string EmailDomainSql { get; }

    /// <summary>
    /// SQLite adds a computed column to an existing table only as a virtual one (indexable all the same);
    /// PostgreSQL before 18 only stores them.
    /// </summary>
    protected abstract bool StoresComputedColumns { get; }

    /// <summary>An empty list of strings in the provider's column type, so accounts that existed before a list column have one.</summary>
    protected abstract string EmptyListSql { get; }

    // Leases of this pooled instance whose writes are watched and that wrote: a new lease starts with neither.
    private int _watchedLease = -1;
    private int _writtenLease = -1;

    /// <summary>From now on in this lease, notes every write that reaches the database (see <see cref="MayHaveWritten"/>).</summary>
    public void WatchWrites() => _watchedLease = ContextId.Lease;

    /// <summary>
    /// True when, since <see cref="WatchWrites"/>, a commit began or a statement that changes rows ran outside a
    /// transaction: a failure from then on may come after the database applied the change.
    /// </summary>
    public bool MayHaveWritten => _writtenLease == ContextId.Lease;

    /// <summary>Set while the session's last-activity touch runs, the one write <see cref="CredentialWrites"/> lets pass.</summary>
    internal bool TouchingSession { get; set; }

    internal void NoteWrite()
    {
        if (_watchedLease == ContextId.Lease) _writtenLease = _watchedLease;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasMaxLength(20);
            user.Property(u => u.Name).HasMaxLength(User.NameMaxLength);
            user.Property(u => u.Title).HasMaxLength(256);
            user.Property(u => u.TimeZone).HasMaxLength(64);
            user.Property(u => u.Locale).HasMaxLength(16);
            user.Property(u => u.DateFormat).HasMaxLength(32);
            user.Property(u => u.TimeFormat).HasMaxLength(32);
            user.Property(u => u.LastAccountId).HasMaxLength(20);
            user.Property(u => u.AuthenticatorKey).HasMaxLength(512);
            user.Property(u => u.PendingAuthenticatorKey).HasMaxLength(512);
            // One user per email, also when two invitations of a new address race.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            user.Property(u => u.EmailDomain).HasMaxLength(256).HasComputedColumnSql(EmailDomainSql, StoresComputedColumns);
            user.HasIndex(u => new { u.EmailDomain, u.Name, u.Id });
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");

        builder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.Id).HasMaxLength(20);
            account.Property(a => a.Name).HasMaxLength(Account.NameMaxLength);
            account.Property(a => a.Description).HasMaxLength(Account.DescriptionMaxLength);
            account.Property(a => a.ExternalId).HasMaxLength(Account.ExternalIdMaxLength);
            account.Property(a => a.Role).HasConversion(LowerCase<AccountRole>()).HasMaxLength(16);
            account.Property(a => a.MfaPolicy).HasConversion(LowerCase<MfaPolicy>()).HasMaxLength(16);
            account.Property(a => a.CreatedById).HasMaxLength(20);
            account.Property(a => a.CreatedByName).HasMaxLength(User.NameMaxLength);
            account.Property(a => a.UpdatedById).HasMaxLength(20);
            account.Property(a => a.UpdatedByName).HasMaxLength(User.NameMaxLength);
            account.HasIndex(a => a.Name);
            account.Property(a => a.Overview).HasMaxLength(Account.OverviewMaxLength);
            account.Property(a => a.Headquarters).HasMaxLength(Account.HeadquartersMaxLength);
            account.Property(a => a.IconMediaId).HasMaxLength(20);
            account.Property(a => a.Countries).HasDefaultValueSql(EmptyListSql);
            account.Property(a => a.Languages).HasDefaultValueSql(EmptyListSql);
            account.Property(a => a.Websites).HasDefaultValueSql(EmptyListSql);
        });
        builder.Entity<Media.AccountMedia>(media =>
        {
            media.ToTable("account_media");
            media.Property(m => m.Id).HasMaxLength(20);
            media.Property(m => m.AccountId).HasMaxLength(20);
            media.Property(m => m.Name).HasMaxLength(Media.AccountMedia.NameMaxLength);
            media.Property(m => m.Description).HasMaxLength(Media.AccountMedia.DescriptionMaxLength);
            media.Property(m => m.ContentType).HasMaxLength(32);
            media.Property(m => m.Digest).HasMaxLength(64);
            media.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            // Under the account's lock two uploads cannot both take a position; the index keeps that true regardless.
            media.HasIndex(m => new { m.AccountId, m.Position }).IsUnique();
        });

        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("memberships");
            membership.HasKey(m => new { m.AccountId, m.UserId });
            membership.Property(m => m.Status).HasConversion(LowerCase<MembershipStatus>()).HasMaxLength(16);
            membership.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.Property(m => m.Name).HasMaxLength(User.NameMaxLength);
            membership.Property(m => m.Email).HasMaxLength(256);
            membership.Property(m => m.InvitedById).HasMaxLength(24);
            membership.Property(m => m.InvitedByName).HasMaxLength(User.NameMaxLength);
            membership.Property(m => m.RevokedById).HasMaxLength(24);
            membership.Property(m => m.RevokedByName).HasMaxLength(User.NameMaxLength);
            membership.HasIndex(m => new { m.UserId, m.Status });
            // One index per ordering and filter of the Users list, each ending in the key so pages are stable.
            membership.HasIndex(m => new { m.AccountId, m.Name, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.Email, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.Status, m.Name, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.CreatedAt, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.ActivatedAt, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.InvitedAt, m.UserId });
            membership.HasIndex(m => new { m.AccountId, m.SignedInAt, m.UserId });
            membership.Property(m => m.EmailDomain).HasMaxLength(256).HasComputedColumnSql(EmailDomainSql, StoresComputedColumns);
            membership.HasIndex(m => new { m.AccountId, m.EmailDomain, m.Name, m.UserId });
        });
        builder.Entity<MemberCount>(count =>
        {
            count.ToTable("member_counts");
            count.HasKey(c => new { c.AccountId, c.Status });
            count.Property(c => c.Status).HasConversion(LowerCase<MembershipStatus>()).HasMaxLength(16);
            count.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        // Each provider declares its own storage for the search index; see the subclasses.
        builder.Entity<MemberSearchEntry>(entry =>
        {
            entry.ToTable("member_search");
            entry.HasKey(e => new { e.AccountId, e.UserId });
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.Property(i => i.Id).HasMaxLength(24);
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.TokenHash).HasMaxLength(64);
            // A link is single-use even under concurrent redemption: the second update finds the status changed.
            invitation.Property(i => i.Status).HasConversion(LowerCase<InvitationStatus>()).HasMaxLength(16).IsConcurrencyToken();
            invitation.Property(i => i.InvitedById).HasMaxLength(24);
            invitation.Property(i => i.InvitedByName).HasMaxLength(User.NameMaxLength);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => new { i.AccountId, i.UserId, i.Status });
            invitation.HasIndex(i => new { i.Status, i.ExpiresAt });
            invitation.HasOne<Membership>().WithMany().HasForeignKey(i => new { i.AccountId, i.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ListPreference>(preference =>
        {
            preference.ToTable("list_preferences");
            preference.HasKey(p => new { p.UserId, p.AccountId, p.List });
            preference.Property(p => p.List).HasMaxLength(32);
            preference.Property(p => p.Value).HasMaxLength(1024);
            preference.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            preference.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Partnership>(partnership =>
        {
            partnership.ToTable("partnerships");
            partnership.Property(p => p.Id).HasMaxLength(24);
            partnership.Property(p => p.InviterAccountId).HasMaxLength(20);
            partnership.Property(p => p.InviteeAccountId).HasMaxLength(20);
            partnership.Property(p => p.TerminatedByAccountId).HasMaxLength(20);
            partnership.Property(p => p.CreatedById).HasMaxLength(24);
            partnership.Property(p => p.CreatedByName).HasMaxLength(User.NameMaxLength);
            partnership.Property(p => p.Status).HasConversion(LowerCase<PartnershipStatus>()).HasMaxLength(16).IsConcurrencyToken();
            partnership.HasOne<Account>().WithMany().HasForeignKey(p => p.InviterAccountId).OnDelete(DeleteBehavior.Cascade);
            partnership.HasOne<Account>().WithMany().HasForeignKey(p => p.InviteeAccountId).OnDelete(DeleteBehavior.Cascade);
            partnership.HasIndex(p => new { p.InviterAccountId, p.Status });
            partnership.HasIndex(p => new { p.InviteeAccountId, p.Status });
        });

        builder.Entity<UserContact>(contact =>
        {
            contact.ToTable("user_contacts");
            contact.Property(c => c.Id).HasMaxLength(24);
            contact.Property(c => c.UserId).HasMaxLength(20);
            contact.Property(c => c.Type).HasMaxLength(16);
            contact.Property(c => c.CountryCode).HasMaxLength(UserContact.CountryCodeMaxLength);
            contact.Property(c => c.AreaCode).HasMaxLength(UserContact.AreaCodeMaxLength);
            contact.Property(c => c.PhoneNumber).HasMaxLength(UserContact.PhoneNumberMaxLength);
            contact.Property(c => c.Status).HasConversion(LowerCase<UserContactStatus>()).HasMaxLength(16);
            contact.HasIndex(c => new { c.UserId, c.CreatedAt });
            // A deleted user takes their contact details along.
            contact.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AccountContact>(contact =>
        {
            contact.ToTable("account_contacts");
            contact.HasKey(c => new { c.AccountId, c.UserId, c.Kind });
            contact.Property(c => c.Kind).HasConversion(LowerCase<ContactKind>()).HasMaxLength(16);
            // Removing a member from the account removes them from its contacts.
            contact.HasOne<Membership>().WithMany().HasForeignKey(c => new { c.AccountId, c.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RecoveryCode>(code =>
        {
            code.ToTable("recovery_codes");
            code.HasKey(c => new { c.UserId, c.CodeHash });
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PasswordReset>(reset =>
        {
            reset.ToTable("password_resets");
            reset.HasKey(r => r.TokenHash);
            reset.Property(r => r.TokenHash).HasMaxLength(64);
            reset.HasIndex(r => r.UserId);
            reset.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AttemptCounter>(counter =>
        {
            counter.ToTable("attempt_counters");
            counter.HasKey(c => new { c.UserId, c.Scope });
            counter.Property(c => c.Scope).HasMaxLength(AttemptCounter.ScopeMaxLength);
            counter.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AddressWindow>(window =>
        {
            window.ToTable("address_windows");
            window.HasKey(w => w.Key);
            window.Property(w => w.Key).HasMaxLength(AddressWindow.KeyMaxLength);
            window.HasIndex(w => w.WindowEndsAt);
        });

        builder.Entity<Idempotency.IdempotencyKey>(key =>
        {
            key.ToTable("idempotency_keys");
            // A key is its caller's own: another caller's identical key is another key.
            key.HasKey(k => new { k.ActorId, k.KeyHash });
            key.Property(k => k.ActorId).HasMaxLength(Idempotency.IdempotencyKey.ActorIdMaxLength);
            key.Property(k => k.KeyHash).HasMaxLength(Idempotency.IdempotencyKey.HashLength);
            key.Property(k => k.Fingerprint).HasMaxLength(Idempotency.IdempotencyKey.HashLength);
            key.Property(k => k.ContentType).HasMaxLength(Idempotency.IdempotencyKey.ContentTypeMaxLength);
            key.HasIndex(k => k.ExpiresAt);
        });

        builder.Entity<AppSecret>(secret =>
        {
            secret.ToTable("app_secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(64);
            secret.Property(s => s.Value).HasMaxLength(256);
        });

        builder.Entity<Module>(module =>
        {
            module.ToTable("modules");
            module.Property(m => m.Id).HasMaxLength(16);
            module.Property(m => m.Name).HasMaxLength(32);
            module.HasData(ModuleCatalog.All.Select(m => new Module { Id = m.Id, Name = m.Name }));
        });

        builder.Entity<Group>(group =>
        {
            group.ToTable("groups");
            group.Property(g => g.Id).HasMaxLength(20);
            group.Property(g => g.AccountId).HasMaxLength(20);
            group.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
            group.Property(g => g.Description).HasMaxLength(512);
            group.Property(g => g.Color).HasMaxLength(32);
            group.Property(g => g.ExternalId).HasMaxLength(100);
            group.Property(g => g.Revision).IsConcurrencyToken();
            group.Property(g => g.CreatedById).HasMaxLength(24);
            group.Property(g => g.CreatedByName).HasMaxLength(User.NameMaxLength);
            group.Property(g => g.UpdatedById).HasMaxLength(24);
            group.Property(g => g.UpdatedByName).HasMaxLength(User.NameMaxLength);
            group.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Cascade);
            group.HasIndex(g => new { g.AccountId, g.Name });
            group.HasMany(g => g.Permissions).WithOne().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
            group.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GroupPermission>(permission =>
        {
            permission.ToTable("group_permissions");
            permission.Property(p => p.GrantedById).HasMaxLength(24);
            permission.Property(p => p.GrantedByName).HasMaxLength(User.NameMaxLength);
            permission.HasKey(p => new { p.GroupId, p.ModuleId });
            permission.HasOne<Module>().WithMany().HasForeignKey(p => p.ModuleId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<GroupMember>(member =>
        {
            member.ToTable("group_members");
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.HasOne<Membership>().WithMany(m => m.Groups).HasForeignKey(m => new { m.AccountId, m.UserId })
                .OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => new { m.AccountId, m.UserId });
        });

        builder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.Property(s => s.Id).HasMaxLength(24);
            session.Property(s => s.SecretHash).HasMaxLength(64);
            session.Property(s => s.Status).HasConversion(LowerCase<SessionStatus>()).HasMaxLength(16);
            session.Property(s => s.Ip).HasMaxLength(64);
            session.Property(s => s.UserAgent).HasMaxLength(512);
            session.Property(s => s.IdentityProviderId).HasMaxLength(20);
            session.HasIndex(s => s.SecretHash).IsUnique();
            session.HasIndex(s => new { s.UserId, s.Status });
            session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.Property(t => t.Id).HasMaxLength(20);
            token.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
            token.Property(t => t.Description).HasMaxLength(ApiToken.DescriptionMaxLength);
            token.Property(t => t.ExternalId).HasMaxLength(ApiToken.ExternalIdMaxLength);
            token.Property(t => t.ExtensionId).HasMaxLength(50);
            token.Property(t => t.ExtensionName).HasMaxLength(128);
            token.Property(t => t.SecretHash).HasMaxLength(64);
            token.Property(t => t.PreviousSecretHash).HasMaxLength(64);
            token.Property(t => t.Status).HasConversion(LowerCase<TokenStatus>()).HasMaxLength(16);
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
            token.HasIndex(t => new { t.AccountId, t.Name });
            token.HasMany(t => t.Permissions).WithOne().HasForeignKey(p => p.TokenId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TokenPermission>(permission =>
        {
            permission.ToTable("api_token_permissions");
            permission.HasKey(p => new { p.TokenId, p.ModuleId });
            permission.HasOne<Module>().WithMany().HasForeignKey(p => p.ModuleId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("mail_outbox");
            message.Property(m => m.MessageId).HasMaxLength(80);
            message.Property(m => m.To).HasMaxLength(320);
            message.Property(m => m.Subject).HasMaxLength(256);
            message.Property(m => m.ClaimedBy).HasMaxLength(64);
            message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        builder.Entity<Acl.AccessRule>(rule =>
        {
            rule.ToTable("access_rules");
            rule.Property(r => r.Id).HasMaxLength(20);
            rule.Property(r => r.AccountId).HasMaxLength(20);
            rule.Property(r => r.Value).HasMaxLength(Acl.AccessRule.ValueMaxLength);
            rule.Property(r => r.Comment).HasMaxLength(Acl.AccessRule.CommentMaxLength);
            rule.Property(r => r.CreatedById).HasMaxLength(20);
            rule.Property(r => r.CreatedByName).HasMaxLength(User.NameMaxLength);
            rule.Property(r => r.UpdatedById).HasMaxLength(20);
            rule.Property(r => r.UpdatedByName).HasMaxLength(User.NameMaxLength);
            rule.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            rule.HasIndex(r => new { r.AccountId, r.CreatedAt });
        });

        builder.Entity<Acl.AccessListSettings>(settings =>
        {
            settings.ToTable("access_list_settings");
            settings.HasKey(s => s.AccountId);
            settings.Property(s => s.AccountId).HasMaxLength(20);
            settings.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityProvider>(provider =>
        {
            provider.ToTable("identity_providers");
            provider.Property(p => p.Id).HasMaxLength(20);
            provider.Property(p => p.AccountId).HasMaxLength(20);
            provider.Property(p => p.Name).HasMaxLength(IdentityProvider.NameMaxLength);
            provider.Property(p => p.Description).HasMaxLength(IdentityProvider.DescriptionMaxLength);
            provider.Property(p => p.ExternalId).HasMaxLength(IdentityProvider.ExternalIdMaxLength);
            provider.Property(p => p.Type).HasConversion(LowerCase<IdentityProviderType>()).HasMaxLength(16);
            provider.Property(p => p.Issuer).HasMaxLength(IdentityProvider.IssuerMaxLength);
            provider.Property(p => p.ClientId).HasMaxLength(256);
            provider.Property(p => p.ClientSecret).HasMaxLength(2048);
            provider.Property(p => p.Scopes).HasMaxLength(512);
            provider.Property(p => p.ExternalIdClaim).HasMaxLength(IdentityProvider.ClaimMaxLength);
            provider.Property(p => p.EmailClaim).HasMaxLength(IdentityProvider.ClaimMaxLength);
            provider.Property(p => p.NameClaim).HasMaxLength(IdentityProvider.ClaimMaxLength);
            provider.Property(p => p.GroupsClaim).HasMaxLength(IdentityProvider.ClaimMaxLength);
            provider.Property(p => p.Notice).HasMaxLength(1024);
            provider.Property(p => p.Revision).IsConcurrencyToken();
            provider.Property(p => p.CreatedById).HasMaxLength(20);
            provider.Property(p => p.CreatedByName).HasMaxLength(User.NameMaxLength);
            provider.Property(p => p.UpdatedById).HasMaxLength(20);
            provider.Property(p => p.UpdatedByName).HasMaxLength(User.NameMaxLength);
            provider.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
            provider.HasIndex(p => new { p.AccountId, p.Name });
        });

        builder.Entity<Domain>(domain =>
        {
            domain.ToTable("domains");
            domain.Property(d => d.Id).HasMaxLength(20);
            domain.Property(d => d.AccountId).HasMaxLength(20);
            domain.Property(d => d.Name).HasMaxLength(Domain.NameMaxLength);
            domain.Property(d => d.DisplayName).HasMaxLength(Domain.DisplayNameMaxLength);
            domain.Property(d => d.Description).HasMaxLength(Domain.DescriptionMaxLength);
            domain.Property(d => d.Token).HasMaxLength(64);
            domain.Property(d => d.Status).HasConversion(LowerCase<DomainStatus>()).HasMaxLength(16);
            domain.Property(d => d.Reason).HasMaxLength(Domain.ReasonMaxLength);
            domain.Property(d => d.IdentityProviderId).HasMaxLength(20);
            domain.Property(d => d.CreatedById).HasMaxLength(20);
            domain.Property(d => d.CreatedByName).HasMaxLength(User.NameMaxLength);
            domain.Property(d => d.UpdatedById).HasMaxLength(20);
            domain.Property(d => d.UpdatedByName).HasMaxLength(User.NameMaxLength);
            domain.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
            domain.HasOne<IdentityProvider>().WithMany().HasForeignKey(d => d.IdentityProviderId).OnDelete(DeleteBehavior.Restrict);
            // An account claims a domain once; one account at a time holds it verified, even when two verify at once.
            domain.HasIndex(d => new { d.AccountId, d.Name }).IsUnique();
            domain.HasIndex(d => d.Name).IsUnique().HasFilter("\"Status\" = 'verified'").HasDatabaseName("IX_domains_Name_verified");
            domain.HasIndex(d => new { d.Status, d.CheckedAt });
        });

        builder.Entity<DomainUser>(person =>
        {
            person.ToTable("domain_users");
            person.HasKey(p => new { p.DomainId, p.UserId });
            person.Property(p => p.DomainId).HasMaxLength(20);
            person.Property(p => p.UserId).HasMaxLength(20);
            person.Property(p => p.IdentityProviderId).HasMaxLength(20);
            person.HasOne<Domain>().WithMany().HasForeignKey(p => p.DomainId).OnDelete(DeleteBehavior.Cascade);
            person.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            person.HasOne<IdentityProvider>().WithMany().HasForeignKey(p => p.IdentityProviderId).OnDelete(DeleteBehavior.Restrict);
            person.HasIndex(p => p.UserId);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.Property(e => e.AccountId).HasMaxLength(20);
            entry.Property(e => e.ActorType).HasMaxLength(16);
            entry.Property(e => e.ActorId).HasMaxLength(24);
            entry.Property(e => e.ActorName).HasMaxLength(User.NameMaxLength);
            entry.Property(e => e.ObjectType).HasMaxLength(32);
            entry.Property(e => e.ObjectId).HasMaxLength(64);
            entry.Property(e => e.ObjectName).HasMaxLength(256);
            entry.Property(e => e.Ip).HasMaxLength(64);
            entry.Property(e => e.UserAgent).HasMaxLength(512);
            entry.HasIndex(e => new { e.AccountId, e.At });
            // A person's own history (sign-ins, security changes) is found by the object it is about.
            entry.HasIndex(e => new { e.ObjectType, e.ObjectId, e.At });
            // An account's trail filtered by actor or by action, newest first, without walking the whole account.
            entry.HasIndex(e => new { e.AccountId, e.ActorId, e.At, e.Id });
            entry.HasIndex(e => new { e.AccountId, e.Action, e.At, e.Id });
            // The retention purge finds the oldest entries of every account.
            entry.HasIndex(e => e.At);
        });
        builder.Entity<AuditCount>(count =>
        {
            // No foreign key: an account's trail outlives the account.
            count.ToTable("audit_counts");
            count.HasKey(c => new { c.AccountId, c.Action });
            count.Property(c => c.AccountId).HasMaxLength(20);
        });

        builder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.Property(k => k.FriendlyName).HasMaxLength(128);
        });
    }

    private static ValueConverter<T, string> LowerCase<T>() where T : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), s => Enum.Parse<T>(s, true));
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
