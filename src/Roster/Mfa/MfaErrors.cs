using Roster.Common;

namespace Roster.Mfa;

public static class MfaErrors
{
    public static readonly Error AlreadyEnabled =
        new("mfa.already_enabled", "Two-factor authentication is already on. Turn it off first to set up another app.", ErrorKind.Conflict);

    public static readonly Error NotStarted =
        new("mfa.not_started", "Start the setup first: it gives the key to add to your authenticator app.", ErrorKind.Conflict);

    public static readonly Error NotEnabled = new("mfa.not_enabled", "Two-factor authentication is not on.", ErrorKind.Conflict);

    public static readonly Error CodeRequired =
        new("mfa.code_required", "Enter the 6-digit code that your authenticator app shows.", Field: "code");

    public static readonly Error CodeInvalid =
        new("mfa.code_invalid", "That code is not the current one. Check the app's clock and enter the code it shows now.", Field: "code");

    public static readonly Error PasswordRequired = new("mfa.password_required", "Enter your password.", Field: "password");

    public static readonly Error PasswordInvalid =
        new("mfa.password_invalid", "The password is incorrect, or the user is temporarily locked.", Field: "password");

    /// <summary>Tokens are not users and another user's factors are nobody else's business: both are "not found".</summary>
    public static Error? RequireSelf(Actor actor, string userId) =>
        actor.IsUser && actor.Id == userId ? null : Error.NotFound("user");
}
