// One struct kernel_param of the __param section, joined with its parmtype=/parm= .modinfo strings
// and, for arrays and strings, the limits in the kparam_array / kparam_string its arg points to.
namespace ModActors.Elf;

/// <summary>A module parameter (module_param and friends).</summary>
/// <param name="Name">The parameter name (kernel_param.name).</param>
/// <param name="Type">The type from parmtype= (e.g. "int", "charp", "array of int"); when absent, derived from the ops symbol (param_ops_int gives "int").</param>
/// <param name="Perm">The sysfs permission bits (kernel_param.perm, e.g. 0444).</param>
/// <param name="Description">The parm= description (MODULE_PARM_DESC), or null.</param>
/// <param name="OpsSymbol">The kernel_param_ops symbol the entry points to (e.g. "param_ops_int"); empty when unknown.</param>
public sealed record ModuleParam(string Name, string Type, ushort Perm, string? Description, string OpsSymbol)
{
    /// <summary>For module_param_array: struct kparam_array.max, the most elements it takes; 0 otherwise.</summary>
    public uint ArrayMax { get; init; }

    /// <summary>For module_param_string: struct kparam_string.maxlen, the buffer size (value length + 1); 0 otherwise.</summary>
    public uint StringMaxLen { get; init; }
}
