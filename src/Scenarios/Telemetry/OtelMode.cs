// Where `--otel` sends the kernel's spans and metrics: nowhere, our console exporter, or an OTLP collector.
namespace ModActors.Scenarios.Telemetry;

internal enum OtelMode
{
    None,
    Console,
    Otlp,
}
