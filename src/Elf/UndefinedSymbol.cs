// A SHN_UNDEF symbol of the module's symbol table: what simplify_symbols must resolve.
namespace ModActors.Elf;

/// <summary>A symbol the module needs from the kernel or another module.</summary>
/// <param name="Name">The symbol name.</param>
/// <param name="IsWeak">STB_WEAK: simplify_symbols accepts it staying unresolved.</param>
public sealed record UndefinedSymbol(string Name, bool IsWeak);
