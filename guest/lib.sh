# Shared helpers for the guest image build (sourced, not run). Everything comes from Debian's
# apt repositories; nothing is downloaded from anywhere else.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
WORK=${DRYDOCK_GUEST_BUILD:-$here/.build}
OUT=${DRYDOCK_IMAGES_OUT:-$root/public/images}
mkdir -p "$WORK/debs" "$WORK/pkg" "$OUT"

log() { printf '\033[1m[images]\033[0m %s\n' "$*" >&2; }
die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian build tools that are missing (the build runs as root on Debian).
ensure_tools() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null || die "needs Debian's apt-get to install: ${missing[*]}"
  log "installing build tools: ${missing[*]}"
  apt-get update -q || log "apt-get update reported errors; trying with the lists we have"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# fetch_deb PKG[:ARCH][=VERSION]: downloads PKG's .deb (once per version) and unpacks it into
# $WORK/pkg/PKG.
# Prints the unpacked directory.
fetch_deb() {
  local pkg=$1 name=${1%%[:=]*} deb
  case "$pkg" in *:i386) dpkg --print-foreign-architectures | grep -qx i386 || {
      log "enabling i386 packages"; dpkg --add-architecture i386; apt-get update -q >&2 || true; } ;;
  esac
  # A pinned version names its file exactly (an epoch's colon is %3a in it); else the newest.
  local version=${pkg#*=}; [ "$version" = "$pkg" ] && version='*' || version=${version//:/%3a}
  deb=$(cd "$WORK/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >&2 && ls -t "${name}_"$version"_"*.deb | head -n 1) \
    || die "could not download the Debian package $pkg"
  rm -rf "$WORK/pkg/$name" && mkdir -p "$WORK/pkg/$name"
  dpkg-deb -x "$WORK/debs/$deb" "$WORK/pkg/$name"
  printf '%s\n' "$WORK/debs/$deb" > "$WORK/pkg/$name.deb-path"
  printf '%s\n' "$WORK/pkg/$name"
}
