// What one module is before it is loaded: its .modinfo, exports, imports, parameters and the behaviour of
// its init and exit functions. Built from a real .ko by FromImage (src/Elf reads it) or written by a
// scenario for a synthetic module. The loader (Main/LoadModule.cs) reads only this record.
using ModActors.Elf;
using ModuleParam = ModActors.Kernel.ModuleParam;

namespace ModActors.Kernel;

/// <summary>One exported symbol: EXPORT_SYMBOL / EXPORT_SYMBOL_GPL / EXPORT_SYMBOL_NS.</summary>
/// <param name="Name">The symbol name.</param>
/// <param name="GplOnly">EXPORT_SYMBOL_GPL.</param>
/// <param name="Namespace">The export namespace, or null.</param>
/// <param name="Crc">The modversions CRC (__kcrctab).</param>
public sealed record SymbolExport(string Name, bool GplOnly = false, string? Namespace = null, uint Crc = 0);

/// <summary>How a module's signature checks out (module_sig_check / mod_verify_sig).</summary>
public enum SignatureState
{
    /// <summary>No "~Module signature appended~" trailer.</summary>
    Unsigned,
    /// <summary>Signed by a trusted key and the signature verifies.</summary>
    Good,
    /// <summary>Signed by a key the kernel does not have (-ENOKEY).</summary>
    UnknownKey,
    /// <summary>The signature does not verify (-EKEYREJECTED / -EBADMSG).</summary>
    Bad,
}

/// <summary>A module as the loader sees it.</summary>
public sealed record ModuleDefinition
{
    /// <summary>mod->name (from .gnu.linkonce.this_module).</summary>
    public required string Name { get; init; }

    /// <summary>.modinfo license=, null when absent ("unspecified").</summary>
    public string? License { get; init; } = "GPL";

    /// <summary>.modinfo vermagic=; null means the running kernel's own (a synthetic module built for it).</summary>
    public string? Vermagic { get; init; }

    /// <summary>.modinfo intree=Y: no out-of-tree taint.</summary>
    public bool InTree { get; init; }

    /// <summary>.modinfo staging=Y: taints C.</summary>
    public bool Staging { get; init; }

    /// <summary>.modinfo test=Y: taints N.</summary>
    public bool Test { get; init; }

    /// <summary>.modinfo livepatch=: a livepatch module (taints K, keeps its whole symtab in kallsyms).</summary>
    public bool Livepatch { get; init; }

    /// <summary>.modinfo import_ns= entries.</summary>
    public IReadOnlyList<string> ImportNamespaces { get; init; } = [];

    /// <summary>.modinfo depends= (what modprobe loads first).</summary>
    public IReadOnlyList<string> Depends { get; init; } = [];

    /// <summary>Exported symbols, __ksymtab then __ksymtab_gpl order.</summary>
    public IReadOnlyList<SymbolExport> Exports { get; init; } = [];

    /// <summary>Undefined symbols, in symbol-table order (simplify_symbols resolves them in this order).</summary>
    public IReadOnlyList<string> Imports { get; init; } = [];

    /// <summary>__versions: the CRC the module was built against for each import; null = no __versions section.</summary>
    public IReadOnlyDictionary<string, uint>? Versions { get; init; }

    /// <summary>The module's parameters in __param order.</summary>
    public IReadOnlyList<ModuleParam> Params { get; init; } = [];

    /// <summary>mod->init is wired (init_module defined).</summary>
    public bool HasInit { get; init; } = true;

    /// <summary>mod->exit is wired (cleanup_module defined).</summary>
    public bool HasExit { get; init; } = true;

    /// <summary>What the init function does.</summary>
    public ModuleBehaviour Init { get; init; } = ModuleBehaviour.Nothing;

    /// <summary>What the exit function does.</summary>
    public ModuleBehaviour Exit { get; init; } = ModuleBehaviour.Nothing;

    /// <summary>Bytes of the core memory types once laid out (text, data, rodata, ro_after_init).</summary>
    public uint CoreSize { get; init; } = 12288;

    /// <summary>Bytes of the init memory types (freed when init succeeds).</summary>
    public uint InitSize { get; init; } = 8192;

    /// <summary>The signature's state; with sig_enforce off an unsigned or unverifiable module taints E.</summary>
    public SignatureState Signature { get; init; } = SignatureState.Unsigned;

    /// <summary>.modinfo version=, when present.</summary>
    public string? Version { get; init; }

    /// <summary>.modinfo srcversion=, when present.</summary>
    public string? SrcVersion { get; init; }

    /// <summary>The parsed ELF image when the module comes from a real .ko.</summary>
    public KernelModule? Image { get; init; }

    /// <summary>Builds the definition of a real module from its parsed image, with the given behaviours.</summary>
    public static ModuleDefinition FromImage(KernelModule image, SignatureState signature,
        ModuleBehaviour? init = null, ModuleBehaviour? exit = null) => ModuleImage.ToDefinition(image, signature, init, exit);
}
