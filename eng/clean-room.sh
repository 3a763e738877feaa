#!/usr/bin/env bash
# Clean-room consumer test: meet StanceKit the way a new user does, from its packages alone.
#
#   1. Pack StanceKit (library + symbols) and StanceKit.Cli (dotnet tool) into a temporary folder, and check what is in them.
#   2. Create a brand-new console project outside the solution (no Directory.Build.props, no project reference) that
#      references StanceKit by version; its nuget.config maps StanceKit* to the temporary folder only, everything else
#      to nuget.org. Run it: it classifies statements with the embedded default model, trains a tiny model (so ML.NET
#      loads from the package's dependencies), and round-trips it through a model file.
#   3. Install the tool from the temporary folder into a temporary tool path; run `stancekit predict "..."` and `stancekit info`.
#
# Usage: bash eng/clean-room.sh [--no-build]
#   --no-build  pack the Release build that is already there (.ci/run builds the solution first).
# Set STANCEKIT_CLEAN_ROOM_KEEP=1 to keep the temporary folder for inspection.
# Needs: the .NET SDK, NuGet access (or every dependency already in the machine's NuGet cache), unzip.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
no_build=()
for argument in "$@"; do
    case "$argument" in
        --no-build) no_build=(--no-build) ;;
        *) echo "usage: bash eng/clean-room.sh [--no-build]" >&2; exit 2 ;;
    esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v unzip >/dev/null || { echo "clean-room: unzip is needed to inspect the packages (apt-get install unzip)." >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/stancekit-clean-room.XXXXXX")"
cleanup() {
    if [[ "${STANCEKIT_CLEAN_ROOM_KEEP:-}" == "1" ]]; then echo "clean-room: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
feed="$work/feed" consumer="$work/consumer" tools="$work/tools" packages="$work/packages"
mkdir -p "$feed" "$consumer" "$tools"

fail() { echo "clean-room: FAILED: $*" >&2; exit 1; }
step() { echo; echo "== clean-room: $*"; }

# The machine's NuGet cache, read before NUGET_PACKAGES is pointed at the temporary folder.
machine_packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
machine_packages="${machine_packages%/}"
version="$(dotnet msbuild "$root/src/StanceKit/StanceKit.csproj" -getProperty:Version)"
[[ -n "$version" ]] || fail "could not read the package version"

step "1. pack StanceKit $version and StanceKit.Cli $version into $feed"
dotnet pack "$root/src/StanceKit/StanceKit.csproj" -c Release "${no_build[@]}" -o "$feed" -v q -nologo
dotnet pack "$root/src/StanceKit.Cli/StanceKit.Cli.csproj" -c Release "${no_build[@]}" -o "$feed" -v q -nologo
library="$feed/StanceKit.$version.nupkg" symbols="$feed/StanceKit.$version.snupkg" tool="$feed/StanceKit.Cli.$version.nupkg"
for package in "$library" "$symbols" "$tool"; do [[ -f "$package" ]] || fail "$(basename "$package") was not produced"; done

# Unpack each package and look inside (no pipes into grep -q: with pipefail, an early exit would fail the pipeline).
unzip -q "$library" -d "$work/library" && unzip -q "$symbols" -d "$work/symbols" && unzip -q "$tool" -d "$work/tool"
has_file() { [[ -f "$work/$1" ]] || fail "the package has no ${1#*/} ($1)"; }
has_text() { grep -q "$2" "$work/$1" || fail "$1 has no $2"; }
has_file "library/lib/net10.0/StanceKit.dll"
has_file "library/lib/net10.0/StanceKit.xml"
has_file "library/README.md"
has_file "symbols/lib/net10.0/StanceKit.pdb"
has_text "library/StanceKit.nuspec" '<license type="expression">MIT</license>'
has_text "library/StanceKit.nuspec" '<readme>README.md</readme>'
has_text "library/StanceKit.nuspec" '<repository type="git"'
grep -aq 'StanceKit.Models.default.stancekit.zip' "$work/library/lib/net10.0/StanceKit.dll" || fail "StanceKit.dll does not embed the default model"
has_file "tool/tools/net10.0/any/StanceKit.Cli.dll"
has_file "tool/README.md"
has_text "tool/StanceKit.Cli.nuspec" '<packageType name="DotnetTool"'
has_text "tool/tools/net10.0/any/DotnetToolSettings.xml" '<Command Name="stancekit"'
size() { stat -c %s "$1"; }
limit=$((15 * 1024 * 1024)) # 15 MiB
(( $(size "$library") < limit )) || fail "StanceKit.$version.nupkg is $(size "$library") bytes; keep it under 15 MiB"
for package in "$library" "$symbols" "$tool" "$feed/StanceKit.Cli.$version.snupkg"; do
    [[ -f "$package" ]] && printf '  %-32s %6.2f MiB\n' "$(basename "$package")" "$(echo "$(size "$package")" | awk '{ print $1 / 1048576 }')"
done

step "2. a brand-new console project that references StanceKit $version from $feed only"
# Nothing above the project may leak in: stop the upward search for Directory.*.props/targets.
echo '<Project />' > "$consumer/Directory.Build.props"
echo '<Project />' > "$consumer/Directory.Build.targets"
echo '<Project />' > "$consumer/Directory.Packages.props"
# Packages go to a fresh folder, so an older StanceKit $version in the machine's cache cannot be picked up. That cache
# still serves the dependencies (ML.NET, CsvHelper) as a read-only fallback, unless it holds a StanceKit package itself.
fallback=""
if [[ -d "$machine_packages" && ! -d "$machine_packages/stancekit" && ! -d "$machine_packages/stancekit.cli" ]]; then
    fallback="<fallbackPackageFolders><clear /><add key=\"machine\" value=\"$machine_packages\" /></fallbackPackageFolders>"
fi
cat > "$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="StanceKit" />
      <package pattern="StanceKit.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
  $fallback
</configuration>
EOF
cat > "$consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="StanceKit" Version="$version" />
  </ItemGroup>
</Project>
EOF
cat > "$consumer/Program.cs" <<'EOF'
using System.Reflection;
using StanceKit;

// Which StanceKit this is (the script checks that the DLL is the one from the package in the temporary folder).
var assembly = typeof(StanceClassifier).Assembly;
Console.WriteLine($"StanceKit {assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");

// 1. The embedded default model, as in the README's quick start.
var failures = 0;
var statements = new (string Text, Stance Expected)[]
{
    ("Kenya must withdraw its police from Haiti immediately.", Stance.Opposed),
    ("We welcome the Kenyan officers and thank them for their courage.", Stance.Supportive),
};
foreach (var (text, expected) in statements)
{
    var prediction = StanceClassifier.Default.Predict(text);
    Console.WriteLine($"default model: {prediction.Stance} ({prediction.Confidence:F2}) <- \"{text}\"");
    failures += prediction.Stance == expected ? 0 : 1;
}

var batch = StanceClassifier.Default.PredictBatch(statements.Select(s => s.Text).ToList());
failures += batch.Select(p => p.Stance).SequenceEqual(statements.Select(s => s.Expected)) ? 0 : 1;

// 2. Train a tiny model (ML.NET must load from the package's dependencies), save it, load it back.
var corpus = new List<LabeledStatement>
{
    new("We support the mission and its officers.", Stance.Supportive),
    new("The deployment is welcome and overdue.", Stance.Supportive),
    new("Will the mission be funded? Nobody knows yet.", Stance.Sceptical),
    new("It is unclear whether the police can succeed.", Stance.Sceptical),
    new("Bring the officers home and end the deployment.", Stance.Opposed),
    new("We reject this deployment outright.", Stance.Opposed),
};
var model = new StanceTrainer().Train(corpus);
using var file = new MemoryStream();
model.Save(file);
file.Position = 0;
var loaded = StanceClassifier.Load(file);
var again = loaded.Predict("We support the mission.");
Console.WriteLine($"tiny model: {again.Stance} ({again.Confidence:F2}) after a save/load round trip of {file.Length:N0} bytes");
failures += again == model.Predict("We support the mission.") ? 0 : 1;

Console.WriteLine(failures == 0 ? "consumer: OK" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
EOF
export NUGET_PACKAGES="$packages"
(cd "$consumer" && dotnet build -c Release -v q -nologo) || fail "the consumer project did not build"
output="$(cd "$consumer" && dotnet bin/Release/net10.0/Consumer.dll)" || { echo "$output"; fail "the consumer failed"; }
echo "$output"
grep -q '^consumer: OK$' <<<"$output" || fail "the consumer did not report OK"
# StanceKit came from the temporary folder: NuGet recorded that source, and the consumer runs the packed DLL.
grep -q "\"source\": \"$feed\"" "$packages/stancekit/$version/.nupkg.metadata" || fail "StanceKit $version was not restored from $feed"
cmp -s "$consumer/bin/Release/net10.0/StanceKit.dll" "$work/library/lib/net10.0/StanceKit.dll" || fail "the consumer does not run the packed StanceKit.dll"
echo "StanceKit $version was restored from $feed (see $packages/stancekit/$version/.nupkg.metadata)"

step "3. install the tool from $feed into $tools"
# --configfile, not --add-source: the SDK refuses --add-source together with package source mapping.
(cd "$consumer" && dotnet tool install StanceKit.Cli --version "$version" --tool-path "$tools" --configfile "$consumer/nuget.config")
installed="$tools/.store/stancekit.cli/$version/stancekit.cli/$version/tools/net10.0/any"
cmp -s "$installed/StanceKit.Cli.dll" "$work/tool/tools/net10.0/any/StanceKit.Cli.dll" && cmp -s "$installed/StanceKit.dll" "$work/library/lib/net10.0/StanceKit.dll" \
    || fail "the installed tool is not the one packed into $feed"
stancekit="$tools/stancekit"
echo "\$ stancekit --version"
"$stancekit" --version | tee "$work/version.txt"
grep -q "^$version" "$work/version.txt" || fail "stancekit --version does not print $version"
echo "\$ stancekit predict \"Kenya must withdraw its police from Haiti immediately.\""
"$stancekit" predict "Kenya must withdraw its police from Haiti immediately." | tee "$work/predict.txt"
grep -qi '^opposed' "$work/predict.txt" || fail "stancekit predict did not answer 'opposed'"
echo "\$ stancekit info"
"$stancekit" info | tee "$work/info.txt"
grep -q "$version" "$work/info.txt" || fail "stancekit info does not show library version $version"

echo
echo "clean-room: OK (StanceKit $version and StanceKit.Cli $version, used from their packages only)"
