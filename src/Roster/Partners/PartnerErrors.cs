using Roster.Common;

namespace Roster.Partners;

/// <summary>The stable codes of the Partners use cases.</summary>
public static class PartnerErrors
{
    public static readonly Error NotFound = new("partners.not_found", "This account is not a partner of yours.", ErrorKind.NotFound);
    public static readonly Error AccountRequired = new("partners.account_required", "Name the account to invite: {\"id\": \"PA-...\"}.", Field: "id");
    public static readonly Error Self = new("partners.self", "An account cannot be its own partner.", Field: "id");
    // The inviter must already know the id; the answer never includes the account's name.
    public static readonly Error UnknownAccount = new("partners.unknown_account", "There is no account with this id.", Field: "id");
    public static readonly Error AlreadyPartners = new("partners.exists",
        "This account is already your partner or has a pending invitation with you. Terminate it first to start over.", ErrorKind.Conflict, "id");
    public static readonly Error NotInvitee = new("partners.not_invitee",
        "Only the invited account can accept this partnership.", ErrorKind.Conflict);
    public static readonly Error NotInvited = new("partners.not_invited", "This partnership is already active.", ErrorKind.Conflict);
}
