// x86-64's apply_relocate_add -> __write_relocate_add (arch/x86/kernel/module.c, pr_fmt "module: "):
// R_X86_64_NONE, 64, 32 (zero-extension checked), 32S (sign-extension checked), PC32 and PLT32
// (not checked, as in the kernel), PC64; any other type is "Unknown rela relocation"; a target that
// is not zero is refused ("Invalid relocation target").
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class X86_64Relocate
{
    public static ModuleRejection? apply_relocate_add(KernelModule module, int relsec, int target, ModuleLayout layout,
        ulong[] bases, ulong[] values, byte[][] memory)
    {
        const string stage = nameof(apply_relocate_add);
        var info = module.Info;
        var placement = layout.Placements[target];
        var mem = memory[(int)placement.Type!.Value];
        var targetSize = info.Sechdrs[target].sh_size;
        var sectionAddr = bases[(int)placement.Type.Value] + placement.Offset;
        var data = info.File.SectionData(relsec);
        for (var off = 0; off + Elf64.Elf64_Rela_size <= data.Length; off += Elf64.Elf64_Rela_size)
        {
            var rela = Elf64_Rela.Read(data.Slice(off, Elf64.Elf64_Rela_size));
            var symIdx = Elf64.ELF64_R_SYM(rela.r_info);
            var type = Elf64.ELF64_R_TYPE(rela.r_info);
            if (symIdx >= (uint)values.Length)
                return ModuleRejection.NoExec(stage, $"module: {module.Name}: relocation symbol index {symIdx} out of range");
            var loc = unchecked(sectionAddr + rela.r_offset);
            var val = unchecked(values[symIdx] + (ulong)rela.r_addend);
            int size;
            switch (type)
            {
                case Elf64.R_X86_64_NONE:
                    continue;
                case Elf64.R_X86_64_64:
                    size = 8;
                    break;
                case Elf64.R_X86_64_32:
                    if (val != (uint)val)
                        return Overflow(module, type, val);
                    size = 4;
                    break;
                case Elf64.R_X86_64_32S:
                    if ((long)val != (int)val)
                        return Overflow(module, type, val);
                    size = 4;
                    break;
                case Elf64.R_X86_64_PC32:
                case Elf64.R_X86_64_PLT32:
                    val = unchecked(val - loc);
                    size = 4;
                    break;
                case Elf64.R_X86_64_PC64:
                    val = unchecked(val - loc);
                    size = 8;
                    break;
                default:
                    return ModuleRejection.NoExec(stage, $"module: {module.Name}: Unknown rela relocation: {type}");
            }
            var room = placement.Offset <= (ulong)mem.Length ? (ulong)mem.Length - placement.Offset : 0;
            if (rela.r_offset > targetSize || targetSize - rela.r_offset < (ulong)size
                || rela.r_offset > room || room - rela.r_offset < (ulong)size)
                return ModuleRejection.NoExec(stage,
                    $"module: {module.Name}: relocation offset 0x{rela.r_offset:x} outside its {targetSize}-byte section");
            var at = mem.AsSpan((int)(placement.Offset + rela.r_offset), size);
            if (at.ContainsAnyExcept((byte)0))
                return ModuleRejection.NoExec(stage,
                    $"module: x86/modules: Invalid relocation target, existing value is nonzero for type {(int)type}, loc {loc:x16}, val {val:x}");
            if (size == 8)
                BinaryPrimitives.WriteUInt64LittleEndian(at, val);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(at, unchecked((uint)val));
        }
        return null;
    }

    private static ModuleRejection Overflow(KernelModule module, uint type, ulong val) =>
        ModuleRejection.NoExec(nameof(apply_relocate_add),
            $"module: overflow in relocation type {(int)type} val {val:x}\nmodule: `{module.Name}' likely not compiled with -mcmodel=kernel");
}
