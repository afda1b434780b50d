using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Data;
using Roster.Mail;

namespace Roster.Tests.Mail;

public sealed class MailServicesTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddRosterData(configuration);
        services.AddRosterMail(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddRosterMail_NothingConfigured_UsesDefaultsAndPickupDirectoryUnderDataDirectory()
    {
        using var services = Build(("Database:DataDirectory", "/var/lib/roster"));

        var options = services.GetRequiredService<IOptions<MailOptions>>().Value;
        options.From.ShouldBe("Roster <roster@localhost>");
        options.PickupDirectory.ShouldBe(Path.Combine("/var/lib/roster", "mail"));
        (options.MaxAttempts, options.PollInterval, options.Smtp.Port).ShouldBe((8, TimeSpan.FromSeconds(5), 25));
        services.GetRequiredService<MailTransport>().ShouldBeOfType<PickupDirectoryTransport>();
        services.GetServices<IHostedService>().ShouldContain(s => s is OutboxDispatcher);
        services.GetRequiredService<OutboxSignal>().ShouldBeSameAs(services.GetRequiredService<OutboxSignal>());
    }

    [Fact]
    public void AddRosterMail_NoDataDirectory_PicksUpUnderData()
    {
        using var services = Build();

        services.GetRequiredService<IOptions<MailOptions>>().Value.PickupDirectory.ShouldBe(Path.Combine("data", "mail"));
    }

    [Fact]
    public void AddRosterMail_SmtpHostSet_BindsSmtpAndChoosesSmtpTransport()
    {
        using var services = Build(
            ("Mail:From", "Acme <no-reply@acme.test>"), ("Mail:Smtp:Host", "smtp.acme.test"), ("Mail:Smtp:Port", "587"),
            ("Mail:Smtp:Username", "roster"), ("Mail:Smtp:Password", "secret"), ("Mail:Smtp:EnableSsl", "true"),
            ("Mail:PickupDirectory", "/srv/mail"), ("Mail:MaxAttempts", "3"), ("Mail:PollInterval", "00:01:00"));

        var options = services.GetRequiredService<IOptions<MailOptions>>().Value;
        (options.From, options.PickupDirectory, options.MaxAttempts, options.PollInterval)
            .ShouldBe(("Acme <no-reply@acme.test>", "/srv/mail", 3, TimeSpan.FromMinutes(1)));
        (options.Smtp.Host, options.Smtp.Port, options.Smtp.Username, options.Smtp.Password, options.Smtp.EnableSsl)
            .ShouldBe(("smtp.acme.test", 587, "roster", "secret", true));
        services.GetRequiredService<MailTransport>().ShouldBeOfType<SmtpTransport>();
    }

    [Fact]
    public void AddRosterMail_FromIsNotAnAddress_FailsValidation()
    {
        using var services = Build(("Mail:From", "not an address"));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MailOptions>>().Value)
            .Message.ShouldContain("Mail:From");
    }

    [Fact]
    public void Enqueue_NotAnAddress_Throws()
    {
        using var services = Build(("Database:DataDirectory", Path.GetTempPath()));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var now = DateTimeOffset.UnixEpoch;

        Should.Throw<ArgumentException>(() => Outbox.Enqueue(db, "nobody", "Hi", "-", now)).ParamName.ShouldBe("to");
        db.ChangeTracker.Entries().ShouldBeEmpty();
        Outbox.Enqueue(db, "a@example.com", "Hi", "-", now).MessageId.ShouldStartWith("<");
        db.ChangeTracker.Entries<OutboxMessage>().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("Hi\r\nBcc: x@evil.test", "Hi Bcc: x@evil.test")]
    [InlineData("Old\nData\u2028\u2029Inc\u0085", "Old Data Inc")]
    [InlineData("Front Street \u202eInc", "Front Street Inc")]
    [InlineData("Zoë invited you to 👩‍💻 Team", "Zoë invited you to 👩‍💻 Team")]
    public void Enqueue_ASubjectWithControlCharacters_GoesOutOnOneLine(string subject, string sent)
    {
        using var services = Build(("Database:DataDirectory", Path.GetTempPath()));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();

        Outbox.Enqueue(db, "a@example.com", subject, "-", DateTimeOffset.UnixEpoch).Subject.ShouldBe(sent);
    }

    [Fact]
    public async Task WaitAsync_PokedBeforeWaiting_ReturnsTrueOnceForManyPokes()
    {
        var signal = new OutboxSignal();
        signal.Poke();
        signal.Poke();

        (await signal.WaitAsync(TimeSpan.FromSeconds(30), default)).ShouldBeTrue();
        (await signal.WaitAsync(TimeSpan.FromMilliseconds(20), default)).ShouldBeFalse();
    }

    [Fact]
    public async Task WaitAsync_PokedWhileWaiting_ReturnsTrue()
    {
        var signal = new OutboxSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), default);

        signal.Poke();

        (await waiting).ShouldBeTrue();
    }
}
