using Roster.Mail;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Mail;

public sealed class PickupDirectoryTests(RosterFixture fixture) : IClassFixture<RosterFixture>, IAsyncLifetime
{
    private readonly OutboxHarness _outbox = new(fixture);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "roster-tests", "pickup-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _outbox.ClearAsync();

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Dispatch_NoSmtpHost_WritesOneEmlPerMessageIntoANewPickupDirectory()
    {
        var pickup = Path.Combine(_root, "data", "mail");
        var messages = new List<OutboxMessage>();
        for (var i = 1; i <= 3; i++)
            messages.Add(await _outbox.CommitAsync($"user{i}@example.com", $"Grüße {i}", $"Zeile eins\nZeile {i} ✓"));

        (await _outbox.Dispatcher(new MailOptions { PickupDirectory = pickup }).DispatchOnceAsync(default)).ShouldBe(3);

        var files = Directory.GetFiles(pickup, "*.eml");
        files.Length.ShouldBe(3);
        foreach (var message in messages)
        {
            var file = Path.Combine(pickup, PickupDirectoryTransport.FileName(message.MessageId));
            files.ShouldContain(file);
            var mail = ReceivedMail.Parse(await File.ReadAllTextAsync(file));
            (mail.MessageId, mail.To, mail.Subject).ShouldBe((message.MessageId, message.To, message.Subject));
            mail.Body.TrimEnd('\n').ShouldBe(message.Body);
        }
        (await _outbox.RowsAsync()).ShouldAllBe(m => m.SentAt != null);
    }

    [Fact]
    public void FileName_MessageId_IsSafeAndStable()
    {
        PickupDirectoryTransport.FileName("<0f3a@roster>").ShouldBe("0f3a@roster.eml");
        PickupDirectoryTransport.FileName("<a/b\\c:d@roster>").ShouldBe("a_b_c_d@roster.eml");
    }
}
