using Microsoft.AspNetCore.Identity;
using Roster.Common;

namespace Roster.Users;

public sealed record CreateUserRequest(string? Name, string? Email, string? Password);

/// <summary>Registers a global user with a password. Used by first start, setup and (later) invitations.</summary>
public sealed class CreateUser(UserManager<User> users, TimeProvider clock)
{
    public const int PasswordMaxLength = 128;

    public User Build(CreateUserRequest request) => new()
    {
        Id = Ids.NewUserId(),
        Name = request.Name!.Trim(),
        Email = request.Email!.Trim(),
        UserName = request.Email!.Trim(),
        CreatedAt = clock.GetUtcNow(),
        EmailConfirmed = true,
    };

    /// <summary>Checks the fields and password rules; returns the first problem, or null.</summary>
    public async Task<Error?> ValidateAsync(CreateUserRequest request, User candidate)
    {
        var invalid = UserRules.ValidateName(request.Name) ?? UserRules.ValidateEmail(request.Email);
        if (invalid is not null) return invalid;
        if (await users.FindByEmailAsync(request.Email!.Trim()) is not null)
            return new Error("users.email_taken", "A user with this email already exists.", Field: "email");
        return await ValidatePasswordAsync(candidate, request.Password);
    }

    /// <summary>The password rules alone: length (never truncated) and the configured validators.</summary>
    public async Task<Error?> ValidatePasswordAsync(User user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return new Error("users.password_required", "Choose a password.", Field: "password");
        if (password.Length > PasswordMaxLength)
            return new Error("users.password_too_long", $"The password can have at most {PasswordMaxLength} characters.", Field: "password");
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
                return new Error("users.password_weak", string.Join(" ", result.Errors.Select(e => e.Description)), Field: "password");
        }
        return null;
    }

    /// <summary>Validates, hashes the password and adds the user to the unit of work without saving.</summary>
    public async Task<Result<User>> PrepareAsync(CreateUserRequest request, Data.RosterDbContext db)
    {
        var user = Build(request);
        var invalid = await ValidateAsync(request, user);
        if (invalid is not null) return invalid;
        user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password!);
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = true;
        db.Users.Add(user);
        return user;
    }
}
