using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.Security;

namespace Roster.Users;

/// <param name="AccountNames">The accounts the user is created for, whose names the password must not be made of.</param>
public sealed record CreateUserRequest(string? Name, string? Email, string? Password, IReadOnlyCollection<string>? AccountNames = null);

/// <summary>Registers a global user with a password. Used by first start, setup and (later) invitations.</summary>
public sealed class CreateUser(UserManager<User> users, PasswordPolicy passwords, TimeProvider clock)
{
    public User Build(CreateUserRequest request) => new()
    {
        Id = Ids.NewUserId(),
        Name = request.Name!.Trim(),
        Email = request.Email!.Trim(),
        UserName = request.Email!.Trim(),
        CreatedAt = clock.GetUtcNow(),
        EmailConfirmed = true,
    };

    /// <summary>Checks the fields and password rules; returns every problem, or null.</summary>
    public async Task<Error?> ValidateAsync(CreateUserRequest request)
    {
        var email = UserRules.ValidateEmail(request.Email);
        if (email is null && await users.FindByEmailAsync(request.Email!.Trim()) is not null)
            email = new Error("users.email_taken", "A user with this email already exists.", Field: "email");
        return Error.Of(UserRules.ValidateName(request.Name), email,
            passwords.Check(request.Password, request.Email, request.Name, request.AccountNames));
    }

    /// <summary>Validates, hashes the password and adds the user to the unit of work without saving.</summary>
    public async Task<Result<User>> PrepareAsync(CreateUserRequest request, Data.RosterDbContext db)
    {
        var invalid = await ValidateAsync(request);
        if (invalid is not null) return invalid;
        return await AddAsync(request, db);
    }

    /// <summary>
    /// Adds an already validated user to the unit of work without saving: with the password hashed, or with none when
    /// <see cref="CreateUserRequest.Password"/> is null (someone who chooses it through a mailed link).
    /// </summary>
    public async Task<User> AddAsync(CreateUserRequest request, Data.RosterDbContext db, CancellationToken ct = default)
    {
        var user = Build(request);
        user.Id = await UserIds.UnusedAsync(db, ct);
        if (request.Password is not null) user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password);
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = true;
        db.Users.Add(user);
        return user;
    }
}
