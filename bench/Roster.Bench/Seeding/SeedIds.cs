namespace Roster.Bench.Seeding;

/// <summary>
/// Ids in Roster's formats (UR-123-456-789, IN-123-456-789-012), distinct by construction: the number space is cut
/// into one slot per row and each row takes a random point of its own slot. Ascending with the index, so primary
/// keys are written in order, which keeps bulk inserts fast.
/// </summary>
public sealed class SeedIds(string prefix, int groups, int capacity, IReadOnlySet<string> taken)
{
    private readonly long _slot = Math.Max((long)Math.Pow(10, 3 * groups) / Math.Max(capacity, 1), 1);

    public string For(int index)
    {
        var jitter = new MemberPlan(index).Jitter;
        for (var attempt = 0L; ; attempt++)
        {
            var id = Format(index * _slot + (jitter + attempt) % _slot);
            if (!taken.Contains(id)) return id;
        }
    }

    private string Format(long number)
    {
        Span<char> buffer = stackalloc char[prefix.Length + groups * 4];
        prefix.AsSpan().CopyTo(buffer);
        var at = buffer.Length;
        for (var group = 0; group < groups; group++)
        {
            for (var digit = 0; digit < 3; digit++)
            {
                buffer[--at] = (char)('0' + number % 10);
                number /= 10;
            }
            buffer[--at] = '-';
        }
        return new string(buffer);
    }
}
