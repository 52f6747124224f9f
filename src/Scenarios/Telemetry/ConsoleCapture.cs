// Where the official OpenTelemetry console exporter's text goes. That exporter writes with System.Console.WriteLine
// and has no writer of its own, while `--otel console` must write to the command's output writer (a test's
// StringWriter, or stdout), and several exports may run at once in one process (tests run kernels in parallel). So
// while any export uses it, Console.Out is a router: a write goes to the writer the writing thread was given for
// the duration of an export call (To), or, on every other thread, to the Console.Out that was there before.
using System.Text;

namespace ModActors.Scenarios.Telemetry;

internal static class ConsoleCapture
{
    [ThreadStatic]
    private static TextWriter? target;

    private static readonly Lock Gate = new();
    private static int users;
    private static TextWriter? previous;
    private static TextWriter? installed;

    /// <summary>Puts the router in place (if it is not already); dispose the result when the export ends.</summary>
    public static IDisposable Install()
    {
        lock (Gate)
        {
            if (users++ == 0)
            {
                previous = Console.Out;
                Console.SetOut(new Router(previous));
                installed = Console.Out;
            }
        }
        return new Uninstall();
    }

    /// <summary>Until the result is disposed, this thread's console writes go to <paramref name="writer"/>.</summary>
    public static Scope To(TextWriter writer)
    {
        var outer = target;
        target = writer;
        return new Scope(outer);
    }

    /// <summary>Gives the thread back its previous target.</summary>
    internal readonly struct Scope(TextWriter? outer) : IDisposable
    {
        public void Dispose() => target = outer;
    }

    private sealed class Uninstall : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
                return;
            lock (Gate)
            {
                if (--users == 0 && ReferenceEquals(Console.Out, installed))
                    Console.SetOut(previous!);
            }
        }
    }

    private sealed class Router(TextWriter fallback) : TextWriter
    {
        private static TextWriter Target(TextWriter fallback) => target ?? fallback;

        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Target(fallback).Write(value);

        public override void Write(string? value) => Target(fallback).Write(value);

        public override void Write(char[] buffer, int index, int count) => Target(fallback).Write(buffer, index, count);

        public override void WriteLine() => Target(fallback).WriteLine();

        public override void WriteLine(string? value) => Target(fallback).WriteLine(value);

        public override void Flush() => Target(fallback).Flush();
    }
}
