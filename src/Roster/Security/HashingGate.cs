namespace Roster.Security;

/// <summary>
/// Lets at most one password verification per core run at a time; the others wait for their turn without holding a
/// thread. A verification is about a tenth of a second of CPU on a pool thread, so a burst of sign-ins (or of guesses)
/// beyond the cores would otherwise hold as many pool threads, hashing by turns on the cores anyway, while every other
/// request waited for the pool to grow.
/// </summary>
public sealed class HashingGate(int turns) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(turns);

    /// <summary>One turn per core: more would only share the same cores.</summary>
    public static HashingGate PerCore() => new(Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        try
        {
            return hash();
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();
}
