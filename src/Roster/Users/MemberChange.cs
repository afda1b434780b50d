namespace Roster.Users;

/// <summary>What a change to a member came to, so that no face has to work it out again from the member.</summary>
public enum MemberOutcome
{
    /// <summary>They already had a Roster user and are now an active member.</summary>
    Joined,

    /// <summary>They were invited with a new link.</summary>
    Invited,

    /// <summary>A new invitation replaced the pending or lapsed one: the previous link no longer works.</summary>
    InvitationReissued,

    /// <summary>The member was saved (or was already as asked); no invitation changed.</summary>
    Saved,
}

/// <summary>The member as the change left them, what it came to, and whether a mail to them was queued.</summary>
public sealed record MemberChange(MemberView Member, MemberOutcome Outcome, bool Mailed);
