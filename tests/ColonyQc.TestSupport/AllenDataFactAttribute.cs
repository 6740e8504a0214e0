using Xunit;

namespace ColonyQc.TestSupport;

/// <summary>A fact that needs the real Allen TIFFs in ../shared/data; skipped with the reason when they are absent.</summary>
public sealed class AllenDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, setting the skip reason when the shared data is missing.</summary>
    public AllenDataFactAttribute()
    {
        if (SharedData.AllenTiles is null || SharedData.AllenWells is null)
        {
            Skip = "needs ../shared/data/allen-hipsc-brightfield (team development data, absent on this machine)";
        }
    }
}

/// <summary>A theory that needs the real Allen TIFFs in ../shared/data; skipped with the reason when they are absent.</summary>
public sealed class AllenDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute, setting the skip reason when the shared data is missing.</summary>
    public AllenDataTheoryAttribute()
    {
        if (SharedData.AllenTiles is null || SharedData.AllenWells is null)
        {
            Skip = "needs ../shared/data/allen-hipsc-brightfield (team development data, absent on this machine)";
        }
    }
}
