namespace Roster.Common;

/// <summary>
/// A start that cannot go ahead for a reason the operator fixes, said in full by the message alone: Roster.Web prints
/// it as one line and exits with code 1. A message never repeats a secret the setting held.
/// </summary>
public sealed class StartRefused(string message, Exception? inner = null) : InvalidOperationException(message, inner);
