#!/usr/bin/env bash
# debs.sh ARCH SYSROOT PACKAGE...: Debian's packages of another platform, unpacked into SYSROOT, with each package's
# control data (SYSROOT/.dpkg/PACKAGE.control) and file list (SYSROOT/.dpkg/PACKAGE.list). apt fetches them as any user,
# with a state and a cache of its own (under ~/.cache/eksfleet) and the sources this machine's apt reads, so the
# system's apt is left as it is. A package takes the version installed here where Debian still serves it, so that
# both platforms carry the same versions; the debs are kept, so a later build needs no network.
set -euo pipefail
arch="$1" sysroot="$2"
shift 2
cache="${XDG_CACHE_HOME:-$HOME/.cache}/eksfleet/debs-$arch"
mkdir -p "$cache/lists/partial" "$cache/archives/partial" "$cache/debs"
[ -e "$cache/status" ] || : > "$cache/status"
apt=(-qq -o "Dir::State=$cache" -o "Dir::State::Lists=$cache/lists" -o "Dir::State::status=$cache/status"
  -o "Dir::Cache=$cache" -o "Dir::Cache::archives=$cache/archives" -o "APT::Architecture=$arch"
  -o "APT::Architectures::=$arch" -o Debug::NoLocking=1 -o "APT::Sandbox::User=$(id -un)")
fail() {
  echo "image: cannot fetch Debian's $1 for linux/$arch ($2): let this machine reach Debian's archive once (the debs are kept in $cache), or build linux/amd64 only with -Dimage.arm64.skip" >&2
  exit 1
}
updated=""
update() {
  [ -n "$updated" ] || { apt-get "${apt[@]}" update >"$cache/update.log" 2>&1 && updated=yes; }
}
newest() { ls -t "$cache/debs/$1_"*"_$arch.deb" 2>/dev/null | head -n1 || true; }

debs=()
for pkg in "$@"; do
  want="$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null || true)"
  deb="$cache/debs/${pkg}_${want//:/%3a}_$arch.deb"
  if [ -z "$want" ] || [ ! -s "$deb" ]; then
    if update && [ -n "$want" ] && (cd "$cache/debs" && apt-get "${apt[@]}" download "$pkg:$arch=$want") >/dev/null 2>&1; then
      :
    elif update && (cd "$cache/debs" && apt-get "${apt[@]}" download "$pkg:$arch") >/dev/null 2>&1; then
      deb="$(newest "$pkg")"
    else
      deb="$(newest "$pkg")"  # offline: the version kept from an earlier build
      [ -n "$deb" ] || fail "$pkg" "apt-get download failed; see $cache/update.log"
    fi
  fi
  got="$(dpkg-deb -f "$deb" Version)"
  [ -z "$want" ] || [ "$got" = "$want" ] \
    || echo "image: WARNING: linux/$arch gets $pkg $got while this machine has $want (Debian no longer serves it: apt-get upgrade aligns them)" >&2
  debs+=("$pkg=$deb")
done

rm -rf "$sysroot"
mkdir -p "$sysroot/.dpkg"
for entry in "${debs[@]}"; do
  pkg="${entry%%=*}" deb="${entry#*=}"
  dpkg-deb -x "$deb" "$sysroot"
  dpkg-deb -f "$deb" > "$sysroot/.dpkg/$pkg.control"
  dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|' > "$sysroot/.dpkg/$pkg.list"
done
