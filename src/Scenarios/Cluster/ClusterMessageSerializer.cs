// How the cluster's messages cross the network: System.Text.Json of the message records, named by their
// type (Akka.NET's string manifest), instead of Akka.NET's default reflection-heavy Newtonsoft format.
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ModActors.Scenarios.Cluster;

internal sealed class ClusterMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly Dictionary<string, Type> Types = typeof(IClusterMessage).Assembly.GetTypes()
        .Where(t => typeof(IClusterMessage).IsAssignableFrom(t) && !t.IsInterface)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Akka.NET's id of this serializer (unique among the system's serializers).</summary>
    public override int Identifier => 4153;

    public override string Manifest(object o) => o.GetType().Name;

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());

    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type) ?? throw new SerializationException($"empty {manifest} message")
            : throw new SerializationException($"unknown cluster message type {manifest}");
}
