#!/usr/bin/env bash
# Builds public/images/tools/curl.tar.gz: Debian's curl (i386) with exactly the shared libraries
# it loads (its ELF NEEDED closure and the dynamic loader), at their Debian paths, with
# curl last. It is not in the initramfs: ~20 MB that every boot and every snapshot would
# carry for one tool. The guest's /usr/bin/curl starts as a link to drydock-agent, which asks the
# engine for this archive the first time (guest/agent/tool.c), unpacks it over / and runs the
# real curl; from then on /usr/bin/curl is Debian's. Also writes $WORK/tools-provenance.tsv: one
# line per package whose files are in the archive (package, version, source package, licence).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# The licence of each package that may contribute a file (from its debian/copyright).
declare -A LICENCE=(
  [curl]="curl" [libcurl4]="curl" [libbrotli1]="MIT" [libc6]="LGPL-2.1-or-later"
  [libcom-err2]="MIT" [libffi8]="MIT" [libgmp10]="LGPL-3.0-or-later OR GPL-2.0-or-later"
  [libgnutls30]="LGPL-2.1-or-later" [libgssapi-krb5-2]="MIT" [libk5crypto3]="MIT" [libkrb5-3]="MIT"
  [libkrb5support0]="MIT" [libhogweed6]="LGPL-3.0-or-later OR GPL-2.0-or-later"
  [libnettle8]="LGPL-3.0-or-later OR GPL-2.0-or-later" [libidn2-0]="LGPL-3.0-or-later OR GPL-2.0-or-later"
  [libkeyutils1]="LGPL-2.0-or-later" [libldap-2.5-0]="OLDAP-2.8" [libnghttp2-14]="MIT"
  [libp11-kit0]="BSD-3-Clause" [libpsl5]="MIT" [librtmp1]="LGPL-2.1-or-later"
  [libsasl2-2]="BSD-Attribution (Cyrus SASL)" [libssh2-1]="BSD-3-Clause" [libssl3]="Apache-2.0"
  [libtasn1-6]="LGPL-2.1-or-later" [libunistring2]="LGPL-3.0-or-later OR GPL-2.0-or-later"
  [libzstd1]="BSD-3-Clause OR GPL-2.0-only" [zlib1g]="Zlib"
)

T=$WORK/curl-root
rm -rf "$T" && mkdir -p "$T"
declare -A OWNER # file (relative to /) -> the package it came from
packages=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances curl:i386 | grep -v '^ ' | sed 's/:i386$//' | sort -u)
for pkg in $packages; do
  dir=$(fetch_deb "$pkg:i386")
  cp -a "$dir/." "$T/"
  while read -r f; do OWNER[${f#./}]=$pkg; done < <(cd "$dir" && find . -type f -o -type l)
done

# The closure: curl, its interpreter, and every NEEDED library, found where ld.so looks.
files=(usr/bin/curl "$(readelf -l "$T/usr/bin/curl" | sed -n 's|.*interpreter: /\(.*\)]|\1|p')")
queue=(usr/bin/curl)
declare -A SEEN
while [ ${#queue[@]} -gt 0 ]; do
  elf=${queue[0]}; queue=("${queue[@]:1}")
  for so in $(readelf -d "$T/$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [ -n "${SEEN[$so]:-}" ] && continue
    SEEN[$so]=1
    found=
    for d in lib/i386-linux-gnu usr/lib/i386-linux-gnu; do
      [ -e "$T/$d/$so" ] && { found=$d/$so; break; }
    done
    [ -n "$found" ] || die "curl needs $so, which no package of its dependencies holds"
    files+=("$found"); queue+=("$found")
  done
done

# Each name with the file it links to, so the archive holds what the packages hold.
entries=()
for f in "${files[@]}"; do
  entries+=("$f")
  [ -L "$T/$f" ] && entries+=("$(dirname "$f")/$(readlink "$T/$f")")
done
libs=$(printf '%s\n' "${entries[@]}" | grep -v '^usr/bin/curl$' | sort -u)

epoch=$(cat "$WORK/source-date-epoch")
mkdir -p "$OUT/tools"
# The directories first (the initramfs has no /lib), and curl under a name of its own: the agent
# renames it over its link to /usr/bin/curl, at once, once everything else is in place.
mkdir -p "$WORK/curl-dirs"/{lib/i386-linux-gnu,usr/lib/i386-linux-gnu}
tar -C "$WORK/curl-dirs" --no-recursion --owner=0 --group=0 --numeric-owner --mode=0755 --mtime="@$epoch" \
  --format=gnu -cf "$WORK/curl.tar" lib lib/i386-linux-gnu usr/lib usr/lib/i386-linux-gnu
tar -C "$T" --no-recursion --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --format=gnu \
  --transform='s|^usr/bin/curl$|usr/bin/.curl.new|' -rf "$WORK/curl.tar" $libs usr/bin/curl
gzip -9 -n -c "$WORK/curl.tar" > "$OUT/tools/curl.tar.gz"
log "tools/curl.tar.gz: $(stat -c %s "$OUT/tools/curl.tar.gz") bytes ($(stat -c %s "$WORK/curl.tar") unpacked)"

for f in usr/bin/curl $libs; do echo "${OWNER[$f]}"; done | sort -u | while read -r pkg; do
  deb=$(cat "$WORK/pkg/$pkg.deb-path")
  src=$(dpkg-deb -f "$deb" Source); src=${src%% *}
  printf '%s\t%s\t%s\t%s\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" "${src:-$pkg}" "${LICENCE[$pkg]:?no licence recorded for $pkg}"
done > "$WORK/tools-provenance.tsv"
