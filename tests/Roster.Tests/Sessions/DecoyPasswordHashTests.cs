using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Sessions;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Sessions;

public sealed class DecoyPasswordHashTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public void The_decoy_costs_what_a_real_hash_costs()
    {
        var configured = _fixture.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount;
        var decoy = Convert.FromBase64String(_fixture.Services.GetRequiredService<DecoyPasswordHash>().Value);

        // Identity's v3 format: a marker byte, the PRF, then the iteration count, big-endian.
        decoy[0].ShouldBe((byte)0x01);
        BinaryPrimitives.ReadUInt32BigEndian(decoy.AsSpan(5, 4)).ShouldBe((uint)configured);
        configured.ShouldNotBe(new PasswordHasherOptions().IterationCount);
    }
}
