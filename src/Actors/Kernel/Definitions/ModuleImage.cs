// A real module's definition from its parsed .ko (src/Elf's KernelModule): name, .modinfo fields,
// exports with GPL flags, namespaces and CRCs, imports, __versions, parameters and the mod_mem sizes
// layout_and_allocate gives it. Init and exit behaviours come from the scenario; real code never runs.
using ModActors.Elf;
using KParam = ModActors.Kernel.ModuleParam;

namespace ModActors.Kernel;

internal static class ModuleImage
{
    private const int DefaultArrayMax = 8;

    public static ModuleDefinition ToDefinition(KernelModule image, SignatureState signature,
        ModuleBehaviour? init, ModuleBehaviour? exit)
    {
        var info = image.ModInfo;
        return new ModuleDefinition
        {
            Name = image.Name,
            License = info.License,
            Vermagic = info.Vermagic,
            InTree = info.InTree,
            Staging = info.Staging,
            Test = info.Test,
            Livepatch = image.IsLivepatch,
            ImportNamespaces = info.ImportNs,
            Depends = info.Depends,
            Exports = [.. image.Exports.Select(e => new SymbolExport(e.Name, e.IsGplOnly,
                string.IsNullOrEmpty(e.Namespace) ? null : e.Namespace, e.Crc ?? 0))],
            Imports = [.. image.UndefinedSymbols.Select(u => u.Name)],
            Versions = image.HasVersions
                ? image.Versions.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (uint)g.First().Crc, StringComparer.Ordinal)
                : null,
            Params = [.. image.Params.Select(Param)],
            HasInit = image.HasInit,
            HasExit = image.HasExit,
            Init = init ?? ModuleBehaviour.Nothing,
            Exit = exit ?? ModuleBehaviour.Nothing,
            CoreSize = image.Layout.CoreSize,
            InitSize = image.Layout.InitSize,
            Signature = signature,
            Version = info.Get("version"),
            SrcVersion = info.SrcVersion,
            Image = image,
        };
    }

    /// <summary>
    /// One struct kernel_param as the kernel uses it: the ops pointer decides the type (param_ops_int is an int
    /// whatever parmtype= says); ops the model does not know are the module's own; name and perm are the image's.
    /// </summary>
    private static KParam Param(ModActors.Elf.ModuleParam p)
    {
        var ops = p.OpsSymbol;
        var type = ops.StartsWith("param_ops_", StringComparison.Ordinal) ? ops["param_ops_".Length..] : p.Type;
        var known = ops == "param_array_ops"
            ? p.Type.StartsWith("array of ", StringComparison.Ordinal) && ParamOps.ForType(p.Type["array of ".Length..]) is { } e && e != ParamOps.param_ops_string
            : ops.StartsWith("param_ops_", StringComparison.Ordinal) && ParamOps.ForType(type) is not null;
        return new KParam
        {
            Name = p.Name,
            Type = known ? type : p.Type,
            Perm = p.Perm,
            ArrayMax = type.StartsWith("array of ", StringComparison.Ordinal) ? DefaultArrayMax : 0,
            StringMaxLen = type == "string" ? 64 : 0,
            FromImage = true,
            ModuleOwnOps = !known,
        };
    }

    public static SignatureState FromStatus(SignatureStatus status) => status switch
    {
        SignatureStatus.Good => SignatureState.Good,
        SignatureStatus.UnknownKey => SignatureState.UnknownKey,
        SignatureStatus.Bad => SignatureState.Bad,
        _ => SignatureState.Unsigned,
    };
}
