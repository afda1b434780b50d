using System.Diagnostics.CodeAnalysis;

namespace Roster.Common;

/// <summary>How a failure should be read by a caller: each face (API, portal) maps these once.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Unauthenticated,
    Forbidden,

    /// <summary>Well-formed, but at odds with what the server already holds for it (a reused Idempotency-Key).</summary>
    Unprocessable,
}

/// <summary>
/// An expected failure: a stable code for machines and a sentence for people. A request with several wrong fields
/// fails with the first, which gives the code, carrying the rest in <see cref="Others"/>, so that a form shows every
/// problem at once and the API lists them all.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation, string? Field = null)
{
    public static Error NotFound(string what) => new($"{what}.not_found", $"The {what} does not exist.", ErrorKind.NotFound);

    /// <summary>The further problems of the same request, each naming its own field.</summary>
    public IReadOnlyList<Error> Others { get; init; } = [];

    /// <summary>This problem and the others.</summary>
    public IEnumerable<Error> All => Others.Prepend(this);

    /// <summary>Every problem found, as one error, or null when there is none.</summary>
    public static Error? Of(params IEnumerable<Error?> problems)
    {
        var found = problems.OfType<Error>().SelectMany(p => p.All).ToList();
        return found.Count == 0 ? null : found[0] with { Others = found[1..] };
    }
}

/// <summary>Success, or an <see cref="Common.Error"/>: after checking <see cref="Succeeded"/>, the compiler knows which.</summary>
public readonly struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Result Ok() => new(null);
    public static Result Fail(Error error) => new(error);
    public static implicit operator Result(Error error) => new(error);
}

/// <summary>
/// A value, or an <see cref="Common.Error"/>: after checking <see cref="Succeeded"/>, the compiler knows which, so
/// callers never write <c>!</c>.
/// </summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Error error) => new(default, error);
    // With T = object an Error would otherwise convert as a value and read as success.
    public static implicit operator Result<T>(T value) => value is Error error ? new(default, error) : new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}
