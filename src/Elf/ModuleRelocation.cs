// move_module, simplify_symbols and apply_relocations (kernel/module/main.c) with x86-64's
// __write_relocate_add (arch/x86/kernel/module.c): copy each allocated section to its mod_mem base
// plus layout offset, give every symbol its final value, then apply each SHT_RELA section to its
// allocated target with the kernel's overflow and "existing value is nonzero" checks and log texts.
// Offsets and symbol indices the kernel trusts are bounds-checked here; those refusals are ours.
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

/// <summary>Relocates a module into simulated memory at given base addresses.</summary>
public static class ModuleRelocation
{
    /// <summary>Total module memory beyond which module_memory_alloc fails (-ENOMEM) in the simulation.</summary>
    public const long MaxModuleMemory = 256L * 1024 * 1024;

    /// <summary>Runs move_module, simplify_symbols and apply_relocations.</summary>
    /// <param name="module">The parsed module.</param>
    /// <param name="bases">The base address of each mod_mem type (page aligned, as execmem_alloc gives).</param>
    /// <param name="resolve">resolve_symbol's answer for an undefined symbol: its address, or null when unknown.</param>
    /// <param name="percpuBase">mod_percpu(mod): the address given to symbols of .data..percpu.</param>
    public static ModuleRelocationResult Relocate(KernelModule module, Func<ModMemType, ulong> bases,
        Func<string, ulong?> resolve, ulong percpuBase = 0)
    {
        var info = module.Info;
        var layout = module.Layout;
        var log = new List<string>();
        long total = 0;
        for (var t = 0; t < 7; t++)
            total += layout.Size((ModMemType)t);
        if (total > MaxModuleMemory)
            return Fail(new ModuleRejection(Errno.ENOMEM, "", "move_module"), log);

        var memory = new byte[7][];
        var baseOf = new ulong[7];
        for (var t = 0; t < 7; t++)
        {
            memory[t] = new byte[layout.Size((ModMemType)t)];
            baseOf[t] = layout.Size((ModMemType)t) == 0 ? 0 : bases((ModMemType)t);
        }
        move_module(info, layout, memory);

        var values = new ulong[info.SymbolCount];
        var err = simplify_symbols(module, layout, baseOf, resolve, percpuBase, values, memory, log);
        if (err is not null)
            return Fail(err, log);
        err = apply_relocations(module, layout, baseOf, values, memory, log);
        if (err is not null)
            return Fail(err, log);
        return new ModuleRelocationResult(new ModuleImage(module, memory, baseOf), null, log);
    }

    private static ModuleRelocationResult Fail(ModuleRejection rejection, List<string> log)
    {
        if (rejection.Log.Length > 0 && (log.Count == 0 || log[^1] != rejection.Log))
            log.Add(rejection.Log);
        return new ModuleRelocationResult(null, rejection, log);
    }

    private static void move_module(LoadInfo info, ModuleLayout layout, byte[][] memory)
    {
        for (var i = 0; i < info.Shnum; i++)
        {
            if (layout.Placements[i] is not { Type: { } t, Offset: var offset } || info.Sechdrs[i].sh_type == Elf64.SHT_NOBITS)
                continue;
            var data = info.File.SectionData(i);
            var room = memory[(int)t].Length - (long)offset;
            if (room > 0)
                data[..(int)Math.Min(data.Length, room)].CopyTo(memory[(int)t].AsSpan((int)offset));
        }
    }

    private static ModuleRejection? simplify_symbols(KernelModule module, ModuleLayout layout, ulong[] bases,
        Func<string, ulong?> resolve, ulong percpuBase, ulong[] values, byte[][] memory, List<string> log)
    {
        var info = module.Info;
        ModuleRejection? ret = null;
        var symPlacement = layout.Placements[info.IndexSym];
        for (var i = 1; i < values.Length; i++)
        {
            var sym = info.Symbol(i);
            var value = sym.st_value;
            switch (sym.st_shndx)
            {
                case Elf64.SHN_COMMON:
                    if (!info.SymbolName(sym).StartsWith("__gnu_lto"u8))
                        ret = Error(ModuleRejection.NoExec(nameof(simplify_symbols), $"{module.Name}: please compile with -fno-common"));
                    break;
                case Elf64.SHN_ABS:
                case Elf64.SHN_LIVEPATCH:
                    break;
                case Elf64.SHN_UNDEF:
                    var name = ElfFile.Decode(info.SymbolName(sym));
                    if (resolve(name) is { } resolved)
                        value = resolved;
                    else if (Elf64.ELF64_ST_BIND(sym.st_info) != Elf64.STB_WEAK && name != "_GLOBAL_OFFSET_TABLE_")
                        ret = Error(new ModuleRejection(Errno.ENOENT, $"{module.Name}: Unknown symbol {name} (err -2)", nameof(simplify_symbols)));
                    break;
                default:
                    if (sym.st_shndx >= info.Shnum)
                    {
                        ret = Error(ModuleRejection.NoExec(nameof(simplify_symbols),
                            $"{module.Name}: Symbol {ElfFile.Decode(info.SymbolName(sym))} has an invalid section index {sym.st_shndx} (max {info.Shnum - 1})"));
                        break;
                    }
                    var secbase = sym.st_shndx == info.IndexPcpu ? percpuBase : SectionAddr(info, layout, bases, sym.st_shndx);
                    value = unchecked(value + secbase);
                    break;
            }
            values[i] = value;
            if (symPlacement is { Type: { } st, Offset: var so })
            {
                var at = (long)so + (long)i * Elf64.Elf64_Sym_size + 8;
                if (at + 8 <= memory[(int)st].Length)
                    BinaryPrimitives.WriteUInt64LittleEndian(memory[(int)st].AsSpan((int)at), value);
            }
        }
        return ret;

        ModuleRejection Error(ModuleRejection e)
        {
            log.Add(e.Log);
            return e;
        }
    }

    /// sh_addr after move_module: the section's final address, or its address in the temporary copy (here: 0)
    /// when it is not allocated.
    private static ulong SectionAddr(LoadInfo info, ModuleLayout layout, ulong[] bases, int index) =>
        layout.Placements[index] is { Type: { } t, Offset: var o } ? bases[(int)t] + o : 0;

    private static ModuleRejection? apply_relocations(KernelModule module, ModuleLayout layout, ulong[] bases,
        ulong[] values, byte[][] memory, List<string> log)
    {
        var info = module.Info;
        for (var i = 1; i < info.Shnum; i++)
        {
            var rel = info.Sechdrs[i];
            var infosec = rel.sh_info;
            if (infosec >= (uint)info.Shnum || layout.Placements[infosec].Type is null)
                continue;
            ModuleRejection? err = null;
            if ((rel.sh_flags & Elf64.SHF_RELA_LIVEPATCH) != 0)
                continue;
            if (rel.sh_type == Elf64.SHT_REL)
                err = ModuleRejection.NoExec("apply_relocate", $"module {module.Name}: REL relocation unsupported");
            else if (rel.sh_type == Elf64.SHT_RELA)
                err = X86_64Relocate.apply_relocate_add(module, i, (int)infosec, layout, bases, values, memory);
            if (err is not null)
            {
                log.Add(err.Log);
                return err;
            }
        }
        return null;
    }
}
