#!/usr/bin/env bash
# `npm run images`: builds everything the guest VM needs into public/images from Debian's
# packages (run as root on Debian 12; installs its build tools with apt), then writes
# public/images/manifest.json. Two runs give identical files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_tools bc bison flex libelf-dev libssl-dev cpio lz4 gcc-multilib
"$here/build-kernel.sh"
"$here/build-initramfs.sh"
"$here/build-tools.sh"

# The built-in hub's images (public/images/hub): busybox and hello-world, as OCI image layouts.
gcc -m32 -static -nostdlib -Os -s -fno-pic -fno-asynchronous-unwind-tables -Wl,--build-id=none -Wl,-n \
  -o "$WORK/hello" "$here/hello/hello.c"
node --import tsx "$here/write-hub.ts" "$WORK/pkg/busybox-static/bin/busybox" "$WORK/hello" "$OUT/hub" \
  "$(cat "$WORK/source-date-epoch")"

sb=$(fetch_deb seabios)
install -m 0644 "$sb/usr/share/seabios/bios.bin" "$OUT/bios.bin"

# provenance: file, Debian binary package, its version, its source package, licence, what else it holds
deb_field() { dpkg-deb -f "$(cat "$WORK/pkg/$1.deb-path")" "$2"; }
provenance() {
  local file=$1 pkg=$2 licence=$3 srcpkg
  srcpkg=$(deb_field "$pkg" Source); srcpkg=${srcpkg%% *}
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$pkg" "$(deb_field "$pkg" Version)" "${srcpkg:-$pkg}" "$licence" "${4:-}"
}
glibc=$(dpkg-query -W -f='${Version}' libc6-dev-i386)
glibc_source=$(dpkg-query -W -f='${source:Package} ${source:Version}' libc6-dev-i386)
{
  provenance bzImage linux-source-6.1 "GPL-2.0-only"
  provenance initramfs.cpio.lz4 busybox-static "GPL-2.0-only" \
    "guest/rootfs, guest/agent and guest/shim of this project (MIT): drydock-agent, which is also the guest's /usr/bin/docker, is statically linked with the GNU C Library from Debian's libc6-dev-i386 $glibc (LGPL-2.1-or-later; Debian source package $glibc_source)"
  provenance bios.bin seabios "LGPL-3.0-or-later"
} > "$WORK/provenance.tsv"
node --import tsx "$here/write-manifest.ts" "$WORK/provenance.tsv" "$OUT" "$WORK/tools-provenance.tsv"
log "done: $(ls "$OUT" | tr '\n' ' ')"
