using Xunit;

namespace ColonyQc.Training.Tests.Network;

/// <summary>
/// A long measurement, not a check: runs only when COLONYQC_MEASURE=1, so the normal suite stays fast
/// on the shared 2-core machine.
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("COLONYQC_MEASURE") != "1")
        {
            Skip = "measurement: set COLONYQC_MEASURE=1 to run it";
        }
    }
}
