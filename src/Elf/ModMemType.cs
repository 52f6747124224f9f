// enum mod_mem_type (include/linux/module.h): the memory regions a module is laid out into.
namespace ModActors.Elf;

/// <summary>The kernel's module memory types, in the kernel's order.</summary>
public enum ModMemType
{
    /// <summary>MOD_TEXT: core code.</summary>
    Text = 0,
    /// <summary>MOD_DATA: core writable data, plus the core kallsyms tables.</summary>
    Data,
    /// <summary>MOD_RODATA: core read-only data.</summary>
    Rodata,
    /// <summary>MOD_RO_AFTER_INIT: .data..ro_after_init and __jump_table.</summary>
    RoAfterInit,
    /// <summary>MOD_INIT_TEXT: .init code, freed after init.</summary>
    InitText,
    /// <summary>MOD_INIT_DATA: .init data plus the full symtab/strtab, freed after init.</summary>
    InitData,
    /// <summary>MOD_INIT_RODATA: .init read-only data, freed after init.</summary>
    InitRodata,
}
