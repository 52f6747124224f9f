// kmod's own ELF reader (libkmod/libkmod-elf.c, kmod 30) as depmod uses it: kmod_elf_new's checks,
// kmod_elf_get_section, kmod_elf_get_symbols, kmod_elf_get_dependency_symbols and
// kmod_elf_get_strings(".modinfo"). It is deliberately not ElfValidity: depmod lists what kmod can
// read, which is far more lenient than what the kernel loads. A small file is read whole; of a large
// one only the section header table and the few sections depmod needs are read.
// Only ELFCLASS64 little-endian images are read; kmod also reads 32-bit and big-endian ones, which an
// x86-64 module tree does not contain (they get -EINVAL here).
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using ModActors.Elf.Format;

namespace ModActors.Elf.Depmod;

internal sealed class KmodElf : IDisposable
{
    private const int ModversionSize = 64;
    private const int ModversionCrcSize = 8;
    private static ReadOnlySpan<byte> CrcPrefix => "__crc_"u8;

    private readonly ReadOnlyMemory<byte> _image;
    private readonly SafeFileHandle? _file;
    private readonly List<byte[]> _rented = [];
    private readonly Dictionary<int, ReadOnlyMemory<byte>> _sections = [];
    private ReadOnlyMemory<byte> _shdrs;
    private ReadOnlyMemory<byte> _shstrtab;
    private int _shnum;
    private (long Offset, ReadOnlyMemory<byte> Data) _window;

    private const long WholeFileLimit = 256 * 1024;
    private const long TailWindow = 64 * 1024;

    private KmodElf(ReadOnlyMemory<byte> image, SafeFileHandle? file, long size)
    {
        _image = image;
        _file = file;
        Size = size;
    }

    public long Size { get; }

    /// kmod_elf_new over an image in memory (a decompressed .ko.xz). Returns 0 or a negative errno.
    public static int New(ReadOnlyMemory<byte> image, out KmodElf? elf) => Init(new KmodElf(image, null, image.Length), out elf);

    /// kmod_elf_new over an open file. A file of up to WholeFileLimit bytes is read in one go (most modules:
    /// the median is 41 KB); a larger one is read by ranges as asked, starting with its last TailWindow
    /// bytes, where the section header table and usually .shstrtab, .strtab and .symtab are.
    /// Returns 0 or a negative errno.
    public static int New(SafeFileHandle file, long size, out KmodElf? elf)
    {
        var e = new KmodElf(default, file, size);
        var first = size <= WholeFileLimit ? size : Math.Min(size, TailWindow);
        if (first > 0 && e.TryRead((ulong)(size - first), (ulong)first, out var window))
            e._window = (size - first, window);
        return Init(e, out elf);
    }

    private static int Init(KmodElf e, out KmodElf? elf)
    {
        elf = null;
        var err = e.ReadHeaders();
        if (err != 0)
        {
            e.Dispose();
            return err;
        }
        elf = e;
        return 0;
    }

    private int ReadHeaders()
    {
        if (Size == 0)
            return -DepmodErrno.EINVAL;
        if (Size <= Elf64.EI_NIDENT)
            return -DepmodErrno.ENOEXEC;
        if (!TryRange(0, (ulong)Math.Min(Size, Elf64.Elf64_Ehdr_size), out var ident)
            || !ident.Span[..Elf64.SELFMAG].SequenceEqual(Elf64.ELFMAG))
            return -DepmodErrno.ENOEXEC;
        var h = ident.Span;
        if (h[Elf64.EI_CLASS] != Elf64.ELFCLASS64 || h[Elf64.EI_DATA] != Elf64.ELFDATA2LSB)
            return -DepmodErrno.EINVAL;
        if (h.Length < Elf64.Elf64_Ehdr_size)
            return -DepmodErrno.EINVAL;
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(h[0x28..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[0x3a..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(h[0x3c..]);
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(h[0x3e..]);
        if (shentsize != Elf64.Elf64_Shdr_size)
            return -DepmodErrno.EINVAL;
        if (!TryRange(shoff, (ulong)shnum * Elf64.Elf64_Shdr_size, out _shdrs))
            return -DepmodErrno.EINVAL;
        _shnum = shnum;
        if (!SectionInfo(shstrndx, out var stroff, out var strsize, out _) || strsize == 0
            || !TryRange(stroff, strsize, out _shstrtab) || _shstrtab.Span[^1] != 0)
            return -DepmodErrno.EINVAL;
        return 0;
    }

    /// elf_get_section_info: the section's file range and name offset; false when the header is
    /// missing or the range leaves the file.
    private bool SectionInfo(int idx, out ulong offset, out ulong size, out uint nameoff)
    {
        offset = size = 0;
        nameoff = 0;
        if ((uint)idx >= (uint)_shnum)
            return false;
        var s = _shdrs.Span.Slice(idx * Elf64.Elf64_Shdr_size, Elf64.Elf64_Shdr_size);
        nameoff = BinaryPrimitives.ReadUInt32LittleEndian(s);
        offset = BinaryPrimitives.ReadUInt64LittleEndian(s[0x18..]);
        size = BinaryPrimitives.ReadUInt64LittleEndian(s[0x20..]);
        return offset <= (ulong)Size && size <= (ulong)Size - offset;
    }

    /// kmod_elf_get_section: the first section (from index 1) with this name; false (-ENOENT) when none.
    public bool GetSection(ReadOnlySpan<byte> name, out ReadOnlyMemory<byte> data) => GetSection(name, out data, out _);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool GetSection(ReadOnlySpan<byte> name, out ReadOnlyMemory<byte> data, out int index)
    {
        var strings = _shstrtab.Span;
        for (var i = 1; i < _shnum; i++)
        {
            if (!SectionInfo(i, out var off, out var size, out var nameoff) || nameoff >= (uint)strings.Length)
                continue;
            if (!CString(strings, nameoff).SequenceEqual(name))
                continue;
            index = i;
            return SectionData(i, off, size, out data);
        }
        data = default;
        index = 0;
        return false;
    }

    /// kmod_elf_get_symbols: the module's exports with their CRCs. From the __crc_SYM symbols when
    /// there are any (the CRC is the u32 in __kcrctab* at the symbol's value, or st_value itself for an
    /// absolute symbol), otherwise every string of __ksymtab_strings with CRC 0
    /// (kmod_elf_get_symbols_symtab). Returns the count or a negative errno (-ENOENT: no symbols).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetSymbols(List<KmodModversion> into, KmodStringTable names)
    {
        if (GetSection(".strtab"u8, out var strtabMem) && GetSection(".symtab"u8, out var symtabMem)
            && symtabMem.Length % Elf64.Elf64_Sym_size == 0)
        {
            names.Reserve(symtabMem.Length / Elf64.Elf64_Sym_size);
            var strtab = strtabMem.Span;
            var symtab = symtabMem.Span;
            var start = into.Count;
            var ok = true;
            for (var off = Elf64.Elf64_Sym_size; off < symtab.Length; off += Elf64.Elf64_Sym_size)
            {
                var sym = symtab.Slice(off, Elf64.Elf64_Sym_size);
                var nameoff = BinaryPrimitives.ReadUInt32LittleEndian(sym);
                if (nameoff >= (uint)strtab.Length)
                {
                    ok = false;
                    break;
                }
                if (!strtab[(int)nameoff..].StartsWith(CrcPrefix))
                    continue;
                var name = CString(strtab, nameoff);
                var value = BinaryPrimitives.ReadUInt64LittleEndian(sym[8..]);
                var shndx = BinaryPrimitives.ReadUInt16LittleEndian(sym[6..]);
                into.Add(new KmodModversion(names.Get(name[CrcPrefix.Length..]), CrcAt(shndx, value),
                    BindFromElf(Elf64.ELF64_ST_BIND(sym[4]))));
            }
            if (ok && into.Count > start)
                return into.Count - start;
            into.RemoveRange(start, into.Count - start);
        }
        return GetSymbolsSymtab(into, names);
    }

    private ulong CrcAt(ushort shndx, ulong value)
    {
        if (shndx == Elf64.SHN_UNDEF || shndx >= 0xff00 || !SectionInfo(shndx, out var off, out var size, out _)
            || value > size || size - value < 4 || !SectionData(shndx, off, size, out var crctab))
            return value;
        return BinaryPrimitives.ReadUInt32LittleEndian(crctab.Span[(int)value..]);
    }

    /// A section's bytes, read once per image.
    private bool SectionData(int index, ulong offset, ulong size, out ReadOnlyMemory<byte> data)
    {
        if (_sections.TryGetValue(index, out data))
            return true;
        if (!TryRange(offset, size, out data))
            return false;
        _sections[index] = data;
        return true;
    }

    private int GetSymbolsSymtab(List<KmodModversion> into, KmodStringTable names)
    {
        if (!GetSection("__ksymtab_strings"u8, out var mem))
            return -DepmodErrno.ENOENT;
        var count = 0;
        foreach (var s in SplitStrings(mem.Span, names))
        {
            into.Add(new KmodModversion(s, 0, KmodSymbolBind.Global));
            count++;
        }
        return count;
    }

    /// kmod_elf_get_dependency_symbols: every SHN_UNDEF symbol in symbol-table order (weak ones marked
    /// weak) with the CRC its __versions entry gives (kmod_elf_crc_find: the first entry of that name,
    /// 0 when none), then the __versions entries no symbol matched (module_layout) in their order.
    /// Returns the count or a negative errno.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetDependencySymbols(List<KmodModversion> into, KmodStringTable names)
    {
        var hasVersions = GetSection("__versions"u8, out var versionsMem) && versionsMem.Length % ModversionSize == 0;
        var versions = hasVersions ? versionsMem.Span : default;
        if (!GetSection(".strtab"u8, out var strtabMem) || !GetSection(".symtab"u8, out var symtabMem)
            || symtabMem.Length % Elf64.Elf64_Sym_size != 0)
            return -DepmodErrno.EINVAL;
        var strtab = strtabMem.Span;
        var symtab = symtabMem.Span;
        var vercount = versions.Length / ModversionSize;
        names.Reserve(vercount + symtab.Length / Elf64.Elf64_Sym_size);
        names.BeginVersions();
        var versionNames = vercount == 0 ? [] : new string[vercount];
        for (var i = 0; i < vercount; i++)
        {
            versionNames[i] = names.Get(CString(versions[(i * ModversionSize + ModversionCrcSize)..], 0), out var id);
            names.AddVersion(id, i);
        }
        var visited = vercount == 0 ? [] : new bool[vercount];
        var start = into.Count;
        for (var off = Elf64.Elf64_Sym_size; off < symtab.Length; off += Elf64.Elf64_Sym_size)
        {
            var sym = symtab.Slice(off, Elf64.Elf64_Sym_size);
            if (BinaryPrimitives.ReadUInt16LittleEndian(sym[6..]) != Elf64.SHN_UNDEF)
                continue;
            var nameoff = BinaryPrimitives.ReadUInt32LittleEndian(sym);
            if (nameoff >= (uint)strtab.Length)
            {
                into.RemoveRange(start, into.Count - start);
                return -DepmodErrno.EINVAL;
            }
            var nameBytes = CString(strtab, nameoff);
            if (nameBytes.IsEmpty)
                continue;
            var name = names.Get(nameBytes, out var nameId);
            ulong crc = 0;
            var v = names.FindVersion(nameId);
            if (v >= 0)
            {
                visited[v] = true;
                crc = BinaryPrimitives.ReadUInt64LittleEndian(versions[(v * ModversionSize)..]);
            }
            var bind = Elf64.ELF64_ST_BIND(sym[4]) == Elf64.STB_WEAK ? KmodSymbolBind.Weak : KmodSymbolBind.Undef;
            into.Add(new KmodModversion(name, crc, bind));
        }
        for (var i = 0; i < vercount; i++)
        {
            if (!visited[i])
                into.Add(new KmodModversion(versionNames[i],
                    BinaryPrimitives.ReadUInt64LittleEndian(versions[(i * ModversionSize)..]), KmodSymbolBind.Undef));
        }
        return into.Count - start;
    }

    /// kmod_elf_get_strings(".modinfo") split as kmod_module_get_info does: key before the first '=',
    /// value after it (null when there is no '='). Only the tags in wanted are kept.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GetModinfo(List<KeyValuePair<string, string?>> into, ReadOnlySpan<string> wanted)
    {
        if (!GetSection(".modinfo"u8, out var mem))
            return;
        foreach (var s in SplitStrings(mem.Span, null))
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? s : s[..eq];
            if (wanted.Contains(key))
                into.Add(new(key, eq < 0 ? null : s[(eq + 1)..]));
        }
    }

    /// kmod_elf_get_strings: the NUL-separated strings of a section, runs of NULs skipped, and a last
    /// string without a terminating NUL kept.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string> SplitStrings(ReadOnlySpan<byte> strings, KmodStringTable? names)
    {
        var list = new List<string>();
        var i = 0;
        while (i < strings.Length)
        {
            if (strings[i] == 0)
            {
                i++;
                continue;
            }
            var rest = strings[i..];
            var nul = rest.IndexOf((byte)0);
            var s = nul < 0 ? rest : rest[..nul];
            list.Add(names is null ? Latin1(s) : names.Get(s));
            i += s.Length + 1;
        }
        return list;
    }

    private static KmodSymbolBind BindFromElf(byte bind) => bind switch
    {
        Elf64.STB_LOCAL => KmodSymbolBind.Local,
        Elf64.STB_GLOBAL => KmodSymbolBind.Global,
        Elf64.STB_WEAK => KmodSymbolBind.Weak,
        _ => KmodSymbolBind.None,
    };

    /// A C string at offset, ending at its NUL or at the end of the table (kmod would read on; we stop).
    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> table, uint offset)
    {
        var rest = table[(int)offset..];
        var nul = rest.IndexOf((byte)0);
        return nul < 0 ? rest : rest[..nul];
    }

    /// kmod handles names as bytes; Latin-1 maps each byte to one char and back, so output is byte-exact.
    internal static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryRange(ulong offset, ulong size, out ReadOnlyMemory<byte> data)
    {
        data = default;
        if (offset > (ulong)Size || size > (ulong)Size - offset)
            return false;
        if (_file is null)
        {
            data = _image.Slice((int)offset, (int)size);
            return true;
        }
        if ((long)offset >= _window.Offset && (long)(offset + size) <= _window.Offset + _window.Data.Length)
        {
            data = _window.Data.Slice((int)((long)offset - _window.Offset), (int)size);
            return true;
        }
        return TryRead(offset, size, out data);
    }

    private bool TryRead(ulong offset, ulong size, out ReadOnlyMemory<byte> data)
    {
        data = default;
        if (size > int.MaxValue)
            return false;
        var buffer = ArrayPool<byte>.Shared.Rent((int)size);
        _rented.Add(buffer);
        var done = 0;
        while (done < (int)size)
        {
            var n = RandomAccess.Read(_file!, buffer.AsSpan(done, (int)size - done), (long)offset + done);
            if (n <= 0)
                return false;
            done += n;
        }
        data = buffer.AsMemory(0, (int)size);
        return true;
    }

    public void Dispose()
    {
        foreach (var b in _rented)
            ArrayPool<byte>.Shared.Return(b);
        _rented.Clear();
    }
}
