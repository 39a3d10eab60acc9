#!/bin/sh
# run.sh - builds the fuzz targets with clang and runs each for a bounded
# time on a seed corpus of every INI file in the repository.
# SPDX-License-Identifier: MIT
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 60)
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
CC=clang cmake -B build-fuzz -DABG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 >/dev/null
corpus=build-fuzz/corpus
mkdir -p "$corpus/config" "$corpus/engine" "$corpus/command" build-fuzz/crashes
# Seeds: real allocations, examples, and the bad-input catalogue.
for f in allocations/*.ini examples/*.ini tests/cli/errors/*.ini tests/cli/fixtures/*.ini; do
    [ -f "$f" ] && cp "$f" "$corpus/config/"
done
# The command's seeds: each command line of fuzz/command_lines.txt on top
# of each real allocation and example.
i=0
for f in allocations/*.ini examples/*.ini; do
    while IFS= read -r line; do
        i=$((i + 1))
        { printf '%s\n' "$line"; cat "$f"; } > "$corpus/command/seed-$i"
    done < fuzz/command_lines.txt
done
cat fuzz/command.dict fuzz/ini.dict > build-fuzz/command.dict
# Earlier crashes stay as seeds, so each run re-checks them.
cp fuzz/regressions/* "$corpus/config/" 2>/dev/null || true
cp fuzz/regressions/command/* "$corpus/command/" 2>/dev/null || true
for target in config engine command; do
    echo "fuzz_$target: $seconds s"
    dict=; [ "$target" = config ] && dict=-dict=fuzz/ini.dict
    # The command prints tables and messages: keep them off the terminal
    # (libFuzzer's own reports and the sanitizers' still show).
    [ "$target" = command ] && dict="-dict=build-fuzz/command.dict -close_fd_mask=3"
    build-fuzz/fuzz/fuzz_$target -max_total_time="$seconds" -max_len=8192 $dict \
        -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 \
        "$corpus/$target" 2>&1 | grep -a -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==|SUMMARY|INFO: seed corpus|fuzz_[a-z]+: )" || true
    if ls build-fuzz/crashes/* >/dev/null 2>&1; then
        echo "fuzz_$target found a crash: build-fuzz/crashes/"; exit 1
    fi
done
