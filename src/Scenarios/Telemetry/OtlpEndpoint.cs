// The `--otlp-endpoint URL` of `--otel otlp`: the base address of a collector's OTLP/HTTP receiver (Jaeger, the
// OpenTelemetry Collector: http://localhost:4318). As with OTEL_EXPORTER_OTLP_ENDPOINT, the signal paths v1/traces
// and v1/metrics are appended to it; a URL that already names a signal path, or is not an absolute http(s) URL, is
// refused with the reason.
using System.Diagnostics.CodeAnalysis;

namespace ModActors.Scenarios.Telemetry;

internal static class OtlpEndpoint
{
    private const string Example = "e.g. http://localhost:4318";

    /// <summary>Parses and checks <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"--otel otlp needs --otlp-endpoint URL, the collector's OTLP/HTTP address ({Example})";
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = $"--otlp-endpoint '{text}' is not an absolute URL ({Example})";
            return false;
        }
        error = Check(uri);
        if (error is not null)
            return false;
        endpoint = uri;
        return true;
    }

    /// <summary>Why <paramref name="endpoint"/> cannot be used, or null if it can.</summary>
    public static string? Check(Uri? endpoint)
    {
        if (endpoint is null)
            return $"--otel otlp needs --otlp-endpoint URL, the collector's OTLP/HTTP address ({Example})";
        if (!endpoint.IsAbsoluteUri)
            return $"--otlp-endpoint '{endpoint}' is not an absolute URL ({Example})";
        if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            return $"--otlp-endpoint '{endpoint}' must be an http or https URL (OTLP over http/protobuf), not {endpoint.Scheme}";
        if (endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0)
            return $"--otlp-endpoint '{endpoint}' has a query or fragment; give the collector's base address ({Example})";
        var path = endpoint.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1/traces", StringComparison.Ordinal) || path.EndsWith("/v1/metrics", StringComparison.Ordinal)
            || path.EndsWith("/v1/logs", StringComparison.Ordinal))
            return $"--otlp-endpoint '{endpoint}' names a signal path; give the collector's base address ({Example}): /v1/traces and /v1/metrics are appended";
        return null;
    }

    /// <summary>The URL of one signal (<c>v1/traces</c>, <c>v1/metrics</c>) under <paramref name="endpoint"/>.</summary>
    public static Uri Signal(Uri endpoint, string signal) => new(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + signal);
}
