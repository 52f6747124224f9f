// A strategy that needs to know what every step touched (dpor): the system records each step's
// footprint into the strategy's recorder.
namespace ModActors.Runtime;

/// <summary>A scheduling strategy that reads the footprint of every step.</summary>
public interface IDependencyAwareStrategy : ISchedulingStrategy
{
    /// <summary>Where the system records what each step touches.</summary>
    FootprintRecorder Footprints { get; }
}
