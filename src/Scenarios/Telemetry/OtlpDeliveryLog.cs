// Whether the OTLP exporter's requests reached the collector. The OpenTelemetry SDK drops a failed export silently
// (it only tells its EventSource), so a user pointing --otlp-endpoint at the wrong port would see nothing at all;
// this handler under the exporter's HttpClient (OtlpExporterOptions.HttpClientFactory) notes every failed request
// (no connection, timeout, non-2xx answer) so the end of the run can say so.
using System.Collections.Concurrent;
using System.Globalization;

namespace ModActors.Scenarios.Telemetry;

internal sealed class OtlpDeliveryLog() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> failures = new();
    private int sent;

    /// <summary>How many requests were sent.</summary>
    public int Sent => Volatile.Read(ref sent);

    /// <summary>Each failed request: its URL and what went wrong, in the order they failed.</summary>
    public IReadOnlyList<string> Failures => [.. failures];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        try
        {
            return Check(request, base.Send(request, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            failures.Enqueue($"{request.RequestUri}: {Reason(e)}");
            throw;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        try
        {
            return Check(request, await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            failures.Enqueue($"{request.RequestUri}: {Reason(e)}");
            throw;
        }
    }

    private HttpResponseMessage Check(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{request.RequestUri}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
        return response;
    }

    private static string Reason(Exception e) => e is OperationCanceledException ? "no answer in time" : e.Message;
}
