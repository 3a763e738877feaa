using System.Diagnostics.CodeAnalysis;

// RS0026 (public API analyzer) warns when two overloads both have optional parameters, because a later optional parameter can
// make a call ambiguous. These two overloads differ in a required first parameter (a path or a TextReader), so no call can
// be ambiguous; the optional options parameter is the style guide's "one line for the common call" (STYLE.md, section 3).
// Each suppression names one member, so any new overload with optional parameters is still reported.
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ in their required first parameter.", Scope = "member", Target = "~M:StanceKit.StanceCorpus.ReadCsv(System.String,StanceKit.CorpusCsvOptions)~StanceKit.CorpusReadResult")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ in their required first parameter.", Scope = "member", Target = "~M:StanceKit.StanceCorpus.ReadCsv(System.IO.TextReader,StanceKit.CorpusCsvOptions,System.String)~StanceKit.CorpusReadResult")]
