#!/usr/bin/env bash
# base.sh OUT ARCH [JAVA_HOME]: the image's base file system for linux/ARCH (amd64 or arm64), made without a container
# registry: a Java runtime linked by jlink, the shared libraries it loads (glibc with its loader, zlib, the C++ runtime), the package
# data and /etc/os-release that image scanners read, a non-root user (65532) and /tmp. Jib puts it under the
# application's layers (FROM scratch), much like a distroless Java image.
# This machine's platform takes the JDK (JAVA_HOME) and the libraries installed here; the other platform takes
# Debian's packages of that platform (debs.sh: the JDK's jmods, glibc, zlib, the C++ runtime libjvm needs), linked by this machine's jlink.
# The output depends only on those inputs: two runs give the same bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1" arch="$2"
java_home="${3:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
case "$arch" in
  amd64) triplet=x86_64-linux-gnu ;;
  arm64) triplet=aarch64-linux-gnu ;;
  *) echo "image: unknown platform linux/$arch: amd64 or arm64" >&2; exit 1 ;;
esac
command -v readelf >/dev/null || { echo "image: readelf is missing: install binutils" >&2; exit 1; }
major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/home/nonroot" "$out/var/lib/dpkg/status.d"

if [ "$arch" = "$(dpkg --print-architecture 2>/dev/null || true)" ] || { [ "$arch" = amd64 ] && [ "$(uname -m)" = x86_64 ]; }; then
  sysroot=""
  jmods="$java_home/jmods"
  strip=--strip-debug
  # dpkg names a file by the path its package ships, /lib/... or /usr/lib/... (merged /usr).
  owner() { { dpkg-query -S "$1" || dpkg-query -S "/usr$1" || dpkg-query -S "${1#/usr}"; } 2>/dev/null | sed -n '1s/:.*//p'; }
  control() { dpkg-query -s "$1" | grep -v '^Conffiles:\|^ /'; }
else
  sysroot="$out.sysroot"
  bash "$here/debs.sh" "$arch" "$sysroot" libc6 libgcc-s1 libstdc++6 zlib1g "openjdk-$major-jdk-headless"
  jmods="$sysroot/usr/lib/jvm/java-$major-openjdk-$arch/jmods"
  # Native symbols are stripped by this machine's objcopy, which cannot read another platform's files (Debian's
  # are stripped already).
  strip=--strip-java-debug-attributes
  owner() { (cd "$sysroot/.dpkg" && grep -lFx "$1" -- *.list | sed -n '1s/\.list$//p'); }
  control() { printf 'Status: install ok installed\n'; cat "$sysroot/.dpkg/$1.control"; }
fi

# java.se and the JDK modules the application uses: jdk.httpserver (management endpoints), jdk.unsupported
# (Netty, Kafka), the EC and PKCS#11 providers (TLS), JMX and DNS naming (Kafka clients), zipfs.
link=(--add-modules java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.security.auth,jdk.security.jgss
  "$strip" --no-man-pages --no-header-files --compress=2)
# jlink takes most of the time; its output depends only on jlink, the jmods and the options, so it is kept
# (under ~/.cache/eksfleet) by those.
key="$({ "$java_home/bin/jlink" --version; printf '%s\n' "${link[@]}"; cat "$jmods"/*.jmod | sha256sum; } | sha256sum | cut -c1-32)"
runtime="${XDG_CACHE_HOME:-$HOME/.cache}/eksfleet/runtime-$arch/$key"
if [ ! -d "$runtime" ]; then
  mkdir -p "$(dirname "$runtime")"
  rm -rf "$runtime.$$"
  "$java_home/bin/jlink" --module-path "$jmods" "${link[@]}" --output "$runtime.$$"
  mv -T "$runtime.$$" "$runtime" 2>/dev/null || rm -rf "$runtime.$$"  # another build kept the same one first
fi
cp -a "$runtime" "$out/opt/java"
# A JDK that keeps its CA certificates outside itself (Debian's) leaves the runtime without them.
if [ ! -s "$out/opt/java/lib/security/cacerts" ] && [ -s /etc/ssl/certs/java/cacerts ]; then
  rm -f "$out/opt/java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

# A path inside the system the libraries come from, its symbolic links followed inside that system.
resolve() {
  local path="$1" target
  while [ -L "$sysroot$path" ]; do
    target="$(readlink "$sysroot$path")"
    case "$target" in /*) path="$target" ;; *) path="$(dirname "$path")/$target" ;; esac
  done
  printf '%s\n' "$path"
}
# The libraries (and the loader) an ELF file asks for that the runtime does not hold, as paths in that system;
# readelf reads any platform's files, where ldd runs only this machine's.
wants() {
  readelf -lW "$1" 2>/dev/null | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p'
  readelf -dW "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r name; do
    case "$name" in ld-linux*) continue ;; esac  # the loader, named by its path above
    [ -z "$(find "$out/opt/java/lib" -name "$name" -print -quit)" ] || continue
    for dir in "/lib/$triplet" "/usr/lib/$triplet" /lib /usr/lib; do
      if [ -e "$sysroot$dir/$name" ]; then printf '%s\n' "$dir/$name"; continue 2; fi
    done
    echo "image: linux/$arch: $1 needs $name, found nowhere in ${sysroot:-this machine}" >&2
    exit 1
  done
}

# The libraries of the runtime's own libraries and of theirs, but not of its desktop ones (AWT, fonts, sound,
# images: X11 and more), which a server never loads.
todo="$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt*' ! -name 'libfontmanager.so' ! -name 'libjawt.so' ! -name 'libjsound.so' ! -name 'liblcms.so' \
    ! -name 'libmlib_image.so' ! -name 'libsplashscreen.so' ! -name 'libjavajpeg.so' | sort)"
libs=""
while [ -n "$todo" ]; do
  found="$(while read -r file; do wants "$file"; done <<< "$todo" | sort -u)"
  todo=""
  for lib in $found; do
    case " $libs " in *" $lib "*) continue ;; esac
    libs="$libs $lib"
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$sysroot$(resolve "$lib")" "$out$lib"
    todo="$todo$out$lib"$'\n'
  done
  todo="${todo%$'\n'}"
done

# What scanners (Trivy, Grype) read to see the copied Debian libraries and the runtime's JDK package: the OS
# release and one dpkg status file per package, as distroless images keep them.
for file in /etc/os-release /etc/debian_version; do
  [ ! -e "$file" ] || cp -L "$file" "$out$file"
done
packages="$(for lib in $libs; do owner "$lib"; done; owner "$(cd "$jmods" && pwd -P | sed "s|^$sysroot||")/java.base.jmod")"
for pkg in $(printf '%s\n' $packages | sed 's/:.*//' | sort -u); do
  control "$pkg" > "$out/var/lib/dpkg/status.d/$pkg"
done
[ -n "$packages" ] || echo "image: WARNING: no dpkg here: the image carries no package data for its libraries" >&2

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
