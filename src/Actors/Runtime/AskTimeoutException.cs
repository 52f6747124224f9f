// AskTimeoutException: how an Ask whose virtual-time timeout passed faults (Akka.NET's name).
namespace ModActors.Runtime;

/// <summary>Thrown by an Ask task when no reply arrived within its (virtual) timeout.</summary>
public sealed class AskTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
