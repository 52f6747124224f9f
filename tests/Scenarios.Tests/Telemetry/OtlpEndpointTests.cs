// --otlp-endpoint: the collector's base http(s) address; anything else is refused with the reason.
using ModActors.Scenarios.Telemetry;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

public sealed class OtlpEndpointTests
{
    [Theory]
    [InlineData("http://localhost:4318", "http://localhost:4318/v1/traces")]
    [InlineData("https://collector.example:4318/", "https://collector.example:4318/v1/traces")]
    [InlineData("http://127.0.0.1:4318/otlp/", "http://127.0.0.1:4318/otlp/v1/traces")]
    public void A_base_address_gets_the_signal_path_appended(string text, string traces)
    {
        Assert.True(OtlpEndpoint.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal(new Uri(traces), OtlpEndpoint.Signal(endpoint, "v1/traces"));
    }

    [Theory]
    [InlineData("", "--otel otlp needs --otlp-endpoint URL")]
    [InlineData("localhost:4318", "must be an http or https URL")]
    [InlineData("collector", "is not an absolute URL")]
    [InlineData("/var/run/otlp", "must be an http or https URL")]
    [InlineData("grpc://localhost:4317", "must be an http or https URL")]
    [InlineData("http://localhost:4318/v1/traces", "names a signal path")]
    [InlineData("http://localhost:4318/v1/metrics/", "names a signal path")]
    [InlineData("http://localhost:4318/?tenant=a", "has a query or fragment")]
    public void An_unusable_endpoint_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(OtlpEndpoint.TryParse(text, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
