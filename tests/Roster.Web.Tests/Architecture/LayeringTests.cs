using System.Reflection;
using NetArchTest.Rules;
using Roster.Data;
using Roster.Web;

namespace Roster.Web.Tests.Architecture;

/// <summary>
/// The seams the two faces must not cross, read from the compiled assemblies (method bodies included), so a shortcut
/// through one of them fails the build's tests rather than waiting for a review to notice it.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Core = typeof(RosterDbContext).Assembly;
    private static readonly Assembly Web = typeof(RosterApp).Assembly;

    // Razor compiles the .cshtml views into this namespace, beside their page models in Roster.Web.Pages.
    private const string Views = "AspNetCoreGeneratedDocument";

    [Fact]
    public void WebProject_OutsideTheCompositionRoot_NeverTouchesTheDatabase()
    {
        var result = Types.InAssembly(Web)
            .That().DoNotHaveNameStartingWith(nameof(RosterApp))
            .ShouldNot().HaveDependencyOnAny(typeof(RosterDbContext).FullName, "Microsoft.EntityFrameworkCore")
            .GetResult();

        Offenders(result).ShouldBeEmpty();
    }

    [Fact]
    public void Portal_NeverUsesTheApi()
    {
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("Roster.Web.Pages").Or().ResideInNamespace(Views)
            .ShouldNot().HaveDependencyOn("Roster.Web.Api")
            .GetResult();

        Offenders(result).ShouldBeEmpty();
    }

    [Fact]
    public void Api_NeverUsesThePortal()
    {
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("Roster.Web.Api")
            .ShouldNot().HaveDependencyOnAny("Roster.Web.Pages", Views)
            .GetResult();

        Offenders(result).ShouldBeEmpty();
    }

    [Fact]
    public void Core_NeverUsesTheWeb()
    {
        var result = Types.InAssembly(Core)
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing",
                "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Antiforgery",
                "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Razor", "Roster.Web")
            .GetResult();

        Offenders(result).ShouldBeEmpty();
    }

    [Fact]
    public void Core_ReferencesOfAspNetCore_AreOnlyIdentityAndDataProtection()
    {
        // Identity keeps users and hashes passwords, Data Protection seals tokens; neither knows about HTTP.
        string[] allowed = ["Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.DataProtection", "Microsoft.AspNetCore.Cryptography"];

        var aspNetCore = Core.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? "")
            .Where(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .Where(name => !allowed.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));

        aspNetCore.ShouldBeEmpty();
    }

    private static IEnumerable<string> Offenders(TestResult result) =>
        result.FailingTypeNames ?? [];
}
