#!/usr/bin/env bash
# base.sh OUT [JAVA_HOME]: the image's base file system, made on this machine, since the build reaches no
# container registry: a Java runtime linked by jlink from the build's JDK, the shared libraries it loads
# (glibc and the dynamic loader, zlib) copied from this machine, a non-root user (65532) and /tmp. Jib puts it
# under the application's layers (FROM scratch), much like a distroless Java image.
set -euo pipefail
out="$1"
java_home="${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/home/nonroot"

# java.se and the JDK modules the application uses: jdk.httpserver (management endpoints), jdk.unsupported
# (Netty, Kafka), the EC and PKCS#11 providers (TLS), JMX and DNS naming (Kafka clients), zipfs.
"$java_home/bin/jlink" --add-modules java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.security.auth,jdk.security.jgss \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"
# A JDK that keeps its CA certificates outside itself (Debian's) leaves the runtime without them.
if [ ! -s "$out/opt/java/lib/security/cacerts" ] && [ -s /etc/ssl/certs/java/cacerts ]; then
  rm -f "$out/opt/java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

# The libraries of the runtime's own libraries, but not of its desktop ones (AWT, fonts, sound, images: X11 and
# more), which a server never loads.
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt*' ! -name 'libfontmanager.so' ! -name 'libjawt.so' ! -name 'libjsound.so' ! -name 'liblcms.so' \
    ! -name 'libmlib_image.so' ! -name 'libsplashscreen.so' ! -name 'libjavajpeg.so' -print0 \
  | xargs -0 -n1 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$out/" \
  | sort -u \
  | while read -r lib; do
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
