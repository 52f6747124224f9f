// struct module_memory (include/linux/module.h) of one mod_mem_type: its size, whether it was allocated
// (move_module allocates only the types with a size; module_set_memory skips a NULL base) and the page
// protections the set_memory_* calls of strict_rwx.c left on it. execmem_alloc hands out PAGE_KERNEL
// memory on x86-64 in 6.12 (arch/x86/mm/init.c execmem_arch_setup): writable, not executable.
using ModActors.Elf;

namespace ModActors.Kernel;

/// <summary>The state of mod->mem[Type] at one instant; what a test asserts about module memory protection.</summary>
/// <param name="Type">The memory type.</param>
/// <param name="Size">mod->mem[type].size (0 once do_init_module freed an init type).</param>
/// <param name="Allocated">mod->mem[type].base != NULL.</param>
/// <param name="Writable">Not set_memory_ro'd (set_memory_rox clears write too).</param>
/// <param name="Executable">set_memory_x / set_memory_rox ran on it.</param>
public sealed record ModuleMemorySnapshot(ModMemType Type, uint Size, bool Allocated, bool Writable, bool Executable);

internal sealed class ModuleMemory(ModMemType type, uint size)
{
    public ModMemType Type { get; } = type;

    public uint Size { get; set; } = size;

    public bool Allocated { get; set; } = size != 0;

    /// <summary>mod->mem[type].base (the simulated module area; 0 when not allocated).</summary>
    public ulong Base { get; set; }

    public bool Writable { get; set; } = true;

    public bool Executable { get; set; }

    public ModuleMemorySnapshot Snapshot() => new(Type, Size, Allocated, Writable, Executable);

    /// <summary>MODULES_VADDR on x86-64 (__START_KERNEL_map + KERNEL_IMAGE_SIZE), without a KASLR offset.</summary>
    public const ulong MODULES_VADDR = 0xffffffffc0000000;

    /// <summary>
    /// move_module's module_memory_alloc for each type with a size: execmem_alloc's vmalloc area from
    /// <paramref name="next"/>, page aligned, each followed by vmalloc's guard page.
    /// </summary>
    public static void module_memory_alloc(ref ulong next, ModuleMemory[] mem)
    {
        foreach (var m in mem)
        {
            if (!m.Allocated)
                continue;
            m.Base = next;
            next += ((ulong)m.Size + 4095 & ~4095UL) + 4096;
        }
    }

    /// <summary>mod->mem[] of a module as layout_and_allocate sized it; a synthetic module is one text region of
    /// its core size and one init text region of its init size.</summary>
    public static ModuleMemory[] For(ModuleDefinition def)
    {
        var mem = new ModuleMemory[7];
        for (var t = 0; t < mem.Length; t++)
        {
            var type = (ModMemType)t;
            var size = def.Image is { } image ? image.Layout.Size(type)
                : type == ModMemType.Text ? def.CoreSize : type == ModMemType.InitText ? def.InitSize : 0;
            mem[t] = new ModuleMemory(type, size);
        }
        return mem;
    }
}
