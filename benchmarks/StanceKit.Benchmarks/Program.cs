using BenchmarkDotNet.Running;

// Run from the repository root (the corpus is read from data/statements.csv):
//   dotnet run -c Release --project benchmarks/StanceKit.Benchmarks -- --filter *Typical*
//   dotnet run -c Release --project benchmarks/StanceKit.Benchmarks -- --filter *
BenchmarkSwitcher.FromAssembly(typeof(StanceKit.Benchmarks.Statements).Assembly).Run(args);
