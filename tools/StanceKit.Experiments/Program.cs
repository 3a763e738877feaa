using System.Globalization;
using StanceKit;

// Model experiments and the default-model build. Run from the repository root:
//   dotnet run -c Release --project tools/StanceKit.Experiments -- sweep [--full] [NAME...]   compare candidate models on the test split and the
//       real dev set (--full adds 5-fold CV and leave-one-group-out); without names, every candidate but FastTree (minutes)
//   dotnet run -c Release --project tools/StanceKit.Experiments -- default    train the default model on the train split and embed it
//   dotnet run -c Release --project tools/StanceKit.Experiments -- report     print every published figure of the embedded default model
// The real development set (../shared/realdev) is read for scoring only, never for training.
var command = args.FirstOrDefault() ?? "sweep";
var corpus = StanceCorpus.ReadCsv("data/statements.csv").Statements;
var train = corpus.Where(s => s.Split == "train").ToList();
var test = corpus.Where(s => s.Split == "test").ToList();
var realDev = RealDev.Load();

switch (command)
{
    case "sweep":
        Sweep(args.Skip(1).ToArray());
        break;
    case "default":
        BuildDefault();
        break;
    case "confusion":
        foreach (var candidate in Candidates.All.Where(c => args.Skip(1).Contains(c.Name)))
        {
            var model = new StanceTrainer(candidate.Options).Train(train);
            Console.WriteLine($"## {candidate.Name} on real dev");
            Console.WriteLine(model.Evaluate(realDev!).ToTable());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean confidence on real dev {realDev!.Average(s => model.Predict(s.Text).Confidence):F3}, on test {test.Average(s => model.Predict(s.Text).Confidence):F3}"));
            foreach (var group in realDev!.GroupBy(s => s.Stakeholder).OrderByDescending(g => g.Count()))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  real dev {group.Key,-20} n={group.Count(),3} accuracy {model.Evaluate(group).Accuracy:F3}"));
            }

            foreach (var group in realDev!.GroupBy(s => s.Language))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  real dev language {group.Key,-5} n={group.Count(),3} accuracy {model.Evaluate(group).Accuracy:F3}"));
            }

            var byLength = realDev!.GroupBy(s => s.Text.Split(' ').Length switch { < 25 => "short <25w", < 45 => "medium 25-44w", _ => "long 45w+" });
            foreach (var group in byLength)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  real dev {group.Key,-14} n={group.Count(),3} accuracy {model.Evaluate(group).Accuracy:F3}"));
            }
        }

        break;
    case "report":
        Report();
        break;
    default:
        Console.Error.WriteLine($"unknown command '{command}'; use sweep, default or report");
        return 2;
}

return 0;

void Sweep(string[] only)
{
    var full = only.Contains("--full");
    only = only.Where(a => a != "--full").ToArray();
    var candidates = Candidates.All.Where(c => only.Length == 0 ? c.Options.Algorithm != StanceAlgorithm.FastTree : only.Contains(c.Name)).ToList();
    Console.WriteLine($"train {train.Count}, test {test.Count}, real dev {realDev?.Count ?? 0}");
    Console.WriteLine($"{"candidate",-28} {"test",6} {"cv5",6} {"logo",6} {"realdev",8} {"rd-acc",7} {"secs",6}");
    foreach (var candidate in candidates)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trainer = new StanceTrainer(candidate.Options);
        var model = trainer.Train(train);
        var testF1 = model.Evaluate(test).MacroF1;
        var cv = full ? trainer.CrossValidate(corpus, 5).MacroF1Mean : double.NaN;
        var logo = full ? trainer.CrossValidateByGroup(corpus, s => s.Stakeholder).Pooled.MacroF1 : double.NaN;
        var real = realDev is null ? null : model.Evaluate(realDev);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidate.Name,-28} {testF1,6:F3} {cv,6:F3} {logo,6:F3} {real?.MacroF1,8:F3} {real?.Accuracy,7:F3} {clock.Elapsed.TotalSeconds,6:F1}"));
    }
}

void BuildDefault()
{
    var options = Candidates.Default;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var model = new StanceTrainer(options).Train(train);
    var trainSeconds = clock.Elapsed.TotalSeconds;
    var report = model.Evaluate(test);
    model = model
        .WithMetrics(report.ToMetrics($"test split of data/statements.csv (n={test.Count})"))
        .WithDescription($"StanceKit default model: trained on the {train.Count} train-split statements of data/statements.csv (written for the project; see data/DATASHEET.md).");
    Directory.CreateDirectory("src/StanceKit/Models");
    model.Save("src/StanceKit/Models/default.stancekit.zip");
    Console.WriteLine($"trained in {trainSeconds:F1} s; test macro-F1 {report.MacroF1:F4}; wrote src/StanceKit/Models/default.stancekit.zip ({new FileInfo("src/StanceKit/Models/default.stancekit.zip").Length:N0} bytes)");
    Console.WriteLine(report.ToTable());
}

void Report()
{
    var model = StanceClassifier.Load("src/StanceKit/Models/default.stancekit.zip");
    var trainer = new StanceTrainer(model.Card.Trainer);
    Console.WriteLine("## test split");
    Console.WriteLine(model.Evaluate(test).ToTable());
    if (realDev is not null)
    {
        var real = model.Evaluate(realDev);
        Console.WriteLine("## real dev (../shared/realdev, evaluation only)");
        Console.WriteLine(real.ToTable());
        foreach (var language in realDev.Select(s => s.Language).Distinct())
        {
            var part = realDev.Where(s => s.Language == language).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"real dev language {language}: n={part.Count}, accuracy {model.Evaluate(part).Accuracy:F3}"));
        }

        File.WriteAllLines("artifacts/realdev-predictions.csv", new[] { "id,stance" }.Concat(realDev.Select(s => s.Id + "," + StanceLabels.ToLabel(model.Predict(s.Text).Stance))));
    }

    Console.WriteLine("## test split per language");
    foreach (var group in test.GroupBy(s => s.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var r = model.Evaluate(group);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-6} n={r.Count,4} macro-F1 {r.MacroF1:F3} accuracy {r.Accuracy:F3}"));
    }

    var cv = trainer.CrossValidate(corpus, 5);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## 5-fold CV on the whole corpus: macro-F1 {cv.MacroF1Mean:F3} ± {cv.MacroF1StandardDeviation:F3}"));
    var byGroup = trainer.CrossValidateByGroup(corpus, s => s.Stakeholder);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## leave-one-stakeholder-group-out: pooled macro-F1 {byGroup.Pooled.MacroF1:F3}, mean over groups {byGroup.MacroF1Mean:F3}"));
    var byRegister = trainer.CrossValidateByGroup(corpus, s => s.Register);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## leave-one-register-out: pooled macro-F1 {byRegister.Pooled.MacroF1:F3}, mean over registers {byRegister.MacroF1Mean:F3}"));

    var noStance = ReadNoStance();
    var stanceConfidence = test.Average(s => model.Predict(s.Text).Confidence);
    var noStanceConfidence = noStance.Average(t => model.Predict(t).Confidence);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## mean confidence: stance statements (test split) {stanceConfidence:F3}, no_stance.csv {noStanceConfidence:F3}"));
}

// no_stance.csv has a `kind` column instead of a label: read it through the corpus reader with every kind mapped to a placeholder.
static List<string> ReadNoStance() =>
    StanceCorpus.ReadCsv("data/no_stance.csv", new CorpusCsvOptions { LabelColumn = "kind", LabelAliases = CorpusCsvOptions.ParseLabelMap("deployment_fact=sceptical,unrelated=sceptical") })
        .Statements.Select(s => s.Text).ToList();
