namespace Roster.Data.Migrations;

/// <summary>
/// Moves a person's own security events out of account trails (ADR 0009), for both providers. Until then each such
/// event was written once for the person and once more per account they belonged to: those account copies go, the
/// person's own entry stays. Ended sessions were written only to the active account: they become the person's own.
/// </summary>
internal static class PersonalEventsSql
{
    // SignInFailed, OtherSessionsTerminated, ProfileUpdated, PasswordChanged, PasswordResetRequested, PasswordReset,
    // MfaEnabled, MfaDisabled, RecoveryCodeUsed: the numbers are stable (AuditAction).
    public const string DeleteAccountCopies =
        """DELETE FROM audit_entries WHERE "AccountId" IS NOT NULL AND "Action" IN (2001, 2005, 2100, 2101, 2102, 2103, 2104, 2105, 2106)""";

    public const string MakeEndedSessionsPersonal =
        """UPDATE audit_entries SET "AccountId" = NULL, "ObjectType" = 'user', "ObjectId" = "ActorId" WHERE "Action" = 2003 AND "ActorType" = 'user'""";
}
