using StanceKit;

// 1. Take the statement from the command line (or use an example).
var statement = args.Length > 0 ? string.Join(' ', args) : "Kenya will keep its officers in Haiti until the gangs are defeated.";

// 2. Classify it with the embedded default model (loaded once, safe to share between threads).
var prediction = StanceClassifier.Default.Predict(statement);

// 3. Print the stance, its confidence and the three probabilities.
Console.WriteLine($"{prediction.Stance} (confidence {prediction.Confidence:F2}): supportive {prediction.Probabilities.Supportive:F2}, sceptical {prediction.Probabilities.Sceptical:F2}, opposed {prediction.Probabilities.Opposed:F2}");

// Expected output (default model; exact figures depend on the model version):
// Supportive (confidence 0.95): supportive 0.95, sceptical 0.05, opposed 0.00
