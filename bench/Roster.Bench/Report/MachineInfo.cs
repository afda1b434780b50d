using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Roster.Bench.Report;

/// <summary>Where the numbers were taken: absolute speeds mean little without it.</summary>
public sealed record MachineInfo(int Cores, long MemoryMb, string Os, string Dotnet, string Provider, int Members, bool HarnessServerGc)
{
    public static MachineInfo Describe(string provider, int members) => new(
        Environment.ProcessorCount, TotalMemoryMb(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
        provider, members, GCSettings.IsServerGC);

    private static long TotalMemoryMb()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
