// ICancelable: the handle of a scheduled message (Akka.NET's ICancelable).
namespace ModActors.Runtime;

/// <summary>A scheduled action that can still be cancelled.</summary>
public interface ICancelable
{
    /// <summary>Whether <see cref="Cancel"/> has been called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Prevents the action if it has not happened yet.</summary>
    void Cancel();
}
