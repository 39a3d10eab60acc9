#!/bin/sh
# pkgconfig.sh BUILD_DIR SOURCE_DIR - installs the build into a temporary
# prefix and builds a small C program against the installed library using
# nothing but `pkg-config --cflags --libs abg`, once against the shared
# library and once statically; both must reproduce Blaby's 2010/11 total.
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(find "$tmp/prefix" -name abg.pc -path '*pkgconfig*' -exec dirname {} \;)
test -n "$libdir" || { echo "abg.pc was not installed"; exit 1; }
for f in bin/abgcalc include/abg/abg.h share/man/man1/abgcalc.1 \
         share/man/man5/abgcalc-format.5 \
         share/bash-completion/completions/abgcalc \
         share/doc/abgcalc/examples/starter.ini \
         share/doc/abgcalc/allocations/leicestershire-abg-2010-11.ini; do
    test -e "$tmp/prefix/$f" || { echo "not installed: $f"; exit 1; }
done
soname=$(objdump -p "$(dirname "$libdir")/libabg.so" | awk '/SONAME/ {print $2}')
test "$soname" = libabg.so.0 || { echo "SONAME is '$soname'"; exit 1; }

cat >"$tmp/blaby.c" <<'C'
#include <abg/abg.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    abg_model *model = NULL;
    abg_result *result = NULL;
    abg_diag diag = {0};
    int status = 1;

    if (argc == 2 && abg_model_load(&model, argv[1], &diag) == ABG_OK &&
        abg_alloc_compute(&result, model, &diag) == ABG_OK) {
        long a = abg_model_find_area(model, "Blaby");
        printf("%s %lld\n", model->areas[a].name,
               (long long)result->areas[a].total);
        status = 0;
    }
    abg_result_free(result);
    abg_model_free(model);
    return status;
}
C
export PKG_CONFIG_PATH="$libdir"
ini="$src/allocations/leicestershire-abg-2010-11.ini"
# shellcheck disable=SC2046 # pkg-config's flags are words by design
cc -o "$tmp/shared" "$tmp/blaby.c" $(pkg-config --cflags --libs abg)
out=$(LD_LIBRARY_PATH="$(dirname "$libdir")" "$tmp/shared" "$ini")
test "$out" = "Blaby 5955100" || { echo "shared: got '$out'"; exit 1; }
# shellcheck disable=SC2046
cc -o "$tmp/static" "$tmp/blaby.c" -static-libgcc \
   $(pkg-config --cflags abg) "$(dirname "$libdir")/libabg.a" \
   $(pkg-config --libs-only-l --static abg | sed 's/-labg//')
out=$("$tmp/static" "$ini")
test "$out" = "Blaby 5955100" || { echo "static: got '$out'"; exit 1; }
"$tmp/prefix/bin/abgcalc" check "$ini" >/dev/null
echo "installed into a temporary prefix; both programs give Blaby 5955100"
