#!/usr/bin/env bash
# Builds public/images/initramfs.cpio.lz4: Debian's busybox-static (i386) plus rootfs/ (our /init
# and /etc), drydock-agent (agent/) and the guest's `docker` command (shim/). Reproducible: the kernel
# tree's gen_initramfs.sh sorts entries and pins every mtime.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

src=$WORK/linux-source-6.1
[ -x "$src/usr/gen_initramfs.sh" ] || die "run build-kernel.sh first (the initramfs uses its tree's cpio tools)"
bb=$(fetch_deb busybox-static:i386)

R=$WORK/rootfs
rm -rf "$R"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,root,mnt/host,var}
cp -a "$here/rootfs/." "$R/"
install -m 0755 "$bb/bin/busybox" "$R/bin/busybox"
ln -s ../run "$R/var/run"
# drydock-agent (guest/agent): static i686, linked with Debian's glibc (libc6-dev-i386). The same
# binary is /usr/bin/docker (guest/shim), which hands each command to the engine's docker CLI:
# one copy of glibc instead of two (each is ~650 KB). 64-bit file offsets: a container's files may
# pass 2 GiB (a 32-bit lstat says EOVERFLOW, and such a file could be neither diffed nor removed).
gcc -m32 -static -Os -s -Wall -Wextra -Werror -D_FILE_OFFSET_BITS=64 -ffile-prefix-map="$here"=guest \
  -o "$R/usr/libexec/drydock/agent" "$here"/agent/*.c "$here"/shim/docker.c
ln -s ../libexec/drydock/agent "$R/usr/bin/docker"
# Debian's curl is installed from the engine on first use (guest/build-tools.sh, agent/tool.c).
ln -s ../libexec/drydock/agent "$R/usr/bin/curl"
# One symlink per applet, made now so the guest does not spend boot time on `busybox --install`.
"$R/bin/busybox" --list-full | while read -r applet; do
  case "$applet" in bin/busybox) continue ;; esac
  dir=$(dirname "$applet"); up=$(echo "$dir" | sed 's|[^/]*|..|g')
  [ -e "$R/$applet" ] || ln -s "$up/bin/busybox" "$R/$applet"
done
find "$R" -type d -exec chmod 0755 {} +
chmod 0700 "$R/root"; chmod 1777 "$R/tmp"

epoch=$(cat "$WORK/source-date-epoch")
export KBUILD_BUILD_TIMESTAMP="$(LC_ALL=C date -u -d "@$epoch")"
# gen_init_cpio pins the mtime of directories and links only; regular files keep their own.
find "$R" -exec touch -h -d "@$epoch" {} +
printf 'nod /dev/console 0600 0 0 c 5 1\nnod /dev/null 0666 0 0 c 1 3\n' > "$WORK/devices.list"
make -s -C "$src" ARCH=i386 usr/gen_init_cpio
(cd "$src" && usr/gen_initramfs.sh -o "$WORK/initramfs.cpio" -u "$(id -u)" -g "$(id -g)" "$R" "$WORK/devices.list")
# LZ4 (legacy frame, what the kernel reads): it unpacks faster than gzip under emulation.
lz4 -l -12 -q -f "$WORK/initramfs.cpio" "$OUT/initramfs.cpio.lz4"
log "initramfs.cpio.lz4: $(stat -c %s "$OUT/initramfs.cpio.lz4") bytes"
