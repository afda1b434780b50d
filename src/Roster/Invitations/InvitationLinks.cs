using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Invitations;

/// <summary>
/// Derives each invitation's link token as HMAC(key, invitation id): the database keeps only the token's hash, yet
/// an administrator can copy the current link again. See ADR 0002.
/// </summary>
public sealed class InvitationLinks(RosterDbContext db, IOptions<InvitationOptions> options, InvitationLinks.KeyCache cache)
{
    private const string SecretName = "invitation-link-key";

    /// <summary>The key read once per process (one per host, so tests with separate databases never share it).</summary>
    public sealed class KeyCache
    {
        public byte[]? Key { get; set; }
    }

    public async Task<string> TokenForAsync(string invitationId, CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(invitationId));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Url(PublicAddress address, string token) => address.Link($"/invitations/{token}");

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.LinkKey)) return Encoding.UTF8.GetBytes(options.Value.LinkKey);
        if (cache.Key is not null) return cache.Key;

        var stored = await db.AppSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            // Two nodes may race to create it: one insert wins and both read the winner's.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO app_secrets (\"Name\", \"Value\") VALUES ({SecretName}, {Secrets.New()}) ON CONFLICT (\"Name\") DO NOTHING", ct);
            stored = await db.AppSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(ct);
        }
        return cache.Key = Encoding.UTF8.GetBytes(stored);
    }
}
