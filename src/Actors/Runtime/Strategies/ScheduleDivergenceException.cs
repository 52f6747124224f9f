// Raised when a program no longer follows the schedule being replayed (or the dfs prefix being
// re-run): the program is not deterministic, or it changed since the schedule was recorded.
namespace ModActors.Runtime;

internal sealed class ScheduleDivergenceException(string message) : Exception(message);
