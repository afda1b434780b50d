namespace Roster.Audit;

/// <summary>Stable, numbered action types, a block of a hundred per area. Never renumber.</summary>
public enum AuditAction
{
    AccountCreated = 1000,
    AccountUpdated = 1001,
    AccountMfaPolicyChanged = 1002,
    AccountDeleted = 1003,

    MemberInvited = 1100,
    MemberJoined = 1101,
    MemberRemoved = 1102,
    MemberUpdated = 1103,
    InvitationResent = 1104,
    InvitationRevoked = 1105,
    InvitationExpired = 1106,
    InvitationRenewalRequested = 1107,
    MemberLeft = 1108,
    MemberActivated = 1109,

    GroupCreated = 1200,
    GroupUpdated = 1201,
    GroupDeleted = 1202,
    GroupMemberAdded = 1203,
    GroupMemberRemoved = 1204,
    GroupPermissionGranted = 1205,
    GroupPermissionRevoked = 1206,

    ContactsChanged = 1300,

    PartnerInvited = 1400,
    PartnerAccepted = 1401,
    PartnerTerminated = 1402,

    TokenCreated = 1500,
    TokenUpdated = 1501,
    TokenDeleted = 1502,
    TokenActivated = 1503,
    TokenDeactivated = 1504,
    TokenRotated = 1505,
    TokenPermissionGranted = 1506,
    TokenPermissionRevoked = 1507,

    DomainAdded = 1600,
    DomainUpdated = 1601,
    DomainRemoved = 1602,
    DomainVerified = 1603,
    DomainVerificationFailed = 1604,
    DomainRejected = 1605,
    DomainEnforcementChanged = 1606,
    DomainUserProviderChanged = 1607,
    IdentityProviderAdded = 1650,
    IdentityProviderUpdated = 1651,
    IdentityProviderRemoved = 1652,
    SsoGroupsSynchronized = 1653,

    SignInSucceeded = 2000,
    SignInFailed = 2001,
    SignedOut = 2002,
    SessionTerminated = 2003,
    AccountSwitched = 2004,
    OtherSessionsTerminated = 2005,
    SsoSignInRefused = 2006,

    ProfileUpdated = 2100,
    PasswordChanged = 2101,
    PasswordResetRequested = 2102,
    PasswordReset = 2103,
    MfaEnabled = 2104,
    MfaDisabled = 2105,
    RecoveryCodeUsed = 2106,
    UserDeleted = 2107,
}
