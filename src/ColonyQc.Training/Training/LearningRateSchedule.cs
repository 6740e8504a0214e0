namespace ColonyQc.Training.Training;

/// <summary>Linear warm-up from near zero to the peak rate, then cosine decay to <see cref="FinalFraction"/> of it.</summary>
/// <param name="PeakRate">The rate at the end of the warm-up.</param>
/// <param name="WarmupSteps">Steps of linear warm-up.</param>
/// <param name="TotalSteps">All steps of the run (warm-up included).</param>
public sealed record LearningRateSchedule(double PeakRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>Share of the peak rate at the last step.</summary>
    public const double FinalFraction = 0.01;

    /// <summary>The learning rate for 0-based <paramref name="step"/>.</summary>
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakRate * (step + 1) / (WarmupSteps + 1);
        }

        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return PeakRate * (FinalFraction + ((1 - FinalFraction) * cosine));
    }
}
