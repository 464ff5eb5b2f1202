#!/usr/bin/env bash
# The NuGet packages as a partner gets them: `dotnet pack` the emulator tool (vo-emulator) and the
# VirtualOperator.Emulator.Testing fixture into a local folder feed, install the tool from that feed and check its
# --help, then restore samples/PartnerPortal (outside the main solution) from the feed and run its tests twice:
# with the emulator hosted in-process, and as the installed tool in a child process (EMULATOR_MODE=process).
# Each run packs a version of its own (0.1.0-ci.<time>), so NuGet's cache never hands out an older build.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

feed="$ROOT/.test-output/packages"
tools="$ROOT/.test-output/tools"
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S)"
rm -rf "$feed" "$tools"
mkdir -p "$feed"

for project in emulator/VirtualOperator.Emulator emulator/VirtualOperator.Emulator.Testing; do
  dotnet pack "$project" -c Release -o "$feed" -p:PackageVersion="$version" -nologo -v quiet || exit 1
done
ls -1 "$feed"

dotnet tool install VirtualOperator.Emulator --tool-path "$tools" --add-source "$feed" --version "$version" || exit 1
help="$("$tools/vo-emulator" --help)" || { echo "vo-emulator --help failed"; exit 1; }
for option in --urls --port --data --control-token --log-level --partner-uid --partner-access-key-id --partner-access-key-secret; do
  grep -q -- "$option" <<<"$help" || { echo "vo-emulator --help does not list $option"; exit 1; }
done
echo "vo-emulator --help lists every option"

cd samples/PartnerPortal
dotnet build PartnerPortal.Tests -c Release -p:EmulatorTestingVersion="$version" -nologo -v quiet || exit 1
status=0
run_dotnet_test "sample (fixture in-process)" PartnerPortal.Tests -c Release --no-build || status=1
EMULATOR_MODE=process EMULATOR_COMMAND="$tools/vo-emulator" \
  run_dotnet_test "sample (vo-emulator process)" PartnerPortal.Tests -c Release --no-build || status=1
exit $status
