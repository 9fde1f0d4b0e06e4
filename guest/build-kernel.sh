#!/usr/bin/env bash
# Builds public/images/bzImage: Debian's linux-source-6.1, tinyconfig + kernel/drydock.config,
# everything built in, LZ4. Reproducible: build identity and timestamp are pinned to the package.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Pinned: a newer linux-source (a security update) would build a different kernel.
pkg=$(fetch_deb linux-source-6.1=6.1.176-1)
tarball=$(ls "$pkg"/usr/src/linux-source-6.1.tar.xz)
src=$WORK/linux-source-6.1
stamp=$WORK/linux-source.stamp
if [ "$(cat "$stamp" 2>/dev/null)" != "$(sha256sum < "$tarball")" ]; then
  log "unpacking $(basename "$tarball")"
  rm -rf "$src" && tar -xf "$tarball" -C "$WORK"
  sha256sum < "$tarball" > "$stamp"
fi

# The deb's file times are its changelog date, so the kernel's build date follows the package.
epoch=$(stat -c %Y "$tarball")
echo "$epoch" > "$WORK/source-date-epoch"
export KBUILD_BUILD_TIMESTAMP="$(LC_ALL=C date -u -d "@$epoch")" KBUILD_BUILD_USER=drydock \
       KBUILD_BUILD_HOST=drydock KBUILD_BUILD_VERSION=1 SOURCE_DATE_EPOCH=$epoch
cd "$src"
make -s ARCH=i386 tinyconfig >/dev/null
scripts/kconfig/merge_config.sh -m -O . .config "$here/kernel/drydock.config" >/dev/null
make -s ARCH=i386 olddefconfig >/dev/null
# A symbol that olddefconfig dropped (missing dependency) would silently lose a feature.
while IFS= read -r line; do
  case "$line" in
    CONFIG_*=*) grep -qxF "$line" .config || die "kernel config lost: $line" ;;
    "# CONFIG_"*" is not set") sym=${line#"# "}; sym=${sym%" is not set"}
      ! grep -q "^$sym=" .config || die "kernel config turned on: $sym" ;;
  esac
done < "$here/kernel/drydock.config"

log "building the kernel (a few minutes on 2 cores)"
make -s -j"$(nproc)" ARCH=i386 bzImage
cp arch/x86/boot/bzImage "$OUT/bzImage"
log "bzImage: $(stat -c %s "$OUT/bzImage") bytes"
