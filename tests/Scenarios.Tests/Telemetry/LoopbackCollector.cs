// A stand-in OTLP/HTTP collector for the tests: an HttpListener on 127.0.0.1 at a free port that records each
// request (path, content type, body) and answers 200 (or the status it was told). It only ever listens on loopback, accepts a bounded number of
// requests, and stops when disposed.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ModActors.Scenarios.Tests.Telemetry;

internal sealed record CollectedRequest(string Method, string Path, string? ContentType, byte[] Body);

internal sealed class LoopbackCollector : IDisposable
{
    private const int MaxRequests = 1000;

    private readonly HttpListener listener = new();
    private readonly Task serving;
    private readonly int status;

    public LoopbackCollector(int status = 200)
    {
        this.status = status;
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = Serve();
    }

    public Uri Endpoint { get; }

    /// <summary>A loopback port nothing listens on (for now).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public ConcurrentQueue<CollectedRequest> Requests { get; } = new();

    private async Task Serve()
    {
        while (Requests.Count < MaxRequests)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            Requests.Enqueue(new CollectedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(10));
    }
}
