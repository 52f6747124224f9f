// Where `--otel` (given once or more) sends the kernel's spans and metrics: our compact tree on the console, the
// official OpenTelemetry console exporter, an OTLP collector, or any of them at once.
namespace ModActors.Scenarios.Telemetry;

[Flags]
internal enum OtelMode
{
    None = 0,
    Tree = 1,
    Console = 2,
    Otlp = 4,
}
