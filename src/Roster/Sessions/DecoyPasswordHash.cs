using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// A hash of a random password made with the configured hasher settings, verified when there is no real hash to
/// check (an unknown email, a locked user) so that those answers take as long as a wrong password does.
/// </summary>
public sealed class DecoyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<User>(options).HashPassword(new User(), Secrets.New()));

    public string Value => _hash.Value;
}
