// The exception TestKit expectations throw; test frameworks report it as a failed assertion.
namespace ModActors.Runtime.TestKit;

/// <summary>A TestKit expectation that did not hold.</summary>
public sealed class TestKitAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestKitAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TestKitAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TestKitAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
