using Roster.Common;

namespace Roster.Web.Pages.Shared;

/// <summary>
/// The portal's one mapping from an <see cref="Error"/> to a form, as <c>ConnectJson</c> is the API's: the message
/// stands beside the field the error names, or above the form when it names none of the form's fields. A page model
/// holds one, made with the names of its form's fields (the API's names, which errors carry), and its view shows
/// <c>For("name")</c> beside each field and the <c>_FormError</c> partial above the form.
/// </summary>
public sealed class FormErrors(params string[] fields)
{
    public Error? Error { get; private set; }

    public bool Any => Error is not null;

    /// <summary>Shows <paramref name="error"/>; a <paramref name="field"/> given here wins over the one it names.</summary>
    public void Show(Error error, string? field = null) => Error = field is null ? error : error with { Field = field };

    public void Clear() => Error = null;

    /// <summary>The message to show beside <paramref name="field"/>, if a problem is about it.</summary>
    public string? For(string field) =>
        fields.Contains(field) ? Problems.FirstOrDefault(e => e.Field == field)?.Message : null;

    /// <summary>The messages to show above the form: the problems about none of its fields.</summary>
    public string? Summary => Problems.Where(e => e.Field is null || !fields.Contains(e.Field)).Select(e => e.Message).ToList() is { Count: > 0 } messages
        ? string.Join(" ", messages)
        : null;

    private IEnumerable<Error> Problems => Error?.All ?? [];
}
