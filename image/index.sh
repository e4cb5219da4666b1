#!/usr/bin/env bash
# index.sh OUT NAME:TAG ARCH=TAR...: one multi-platform image from Jib's single-platform tars (docker save's layout: a
# manifest.json naming config.json and the gzipped layers), as an OCI image layout in a tar: index.json names an
# image index tagged NAME:TAG, which lists one OCI manifest per platform; config and layers are Jib's, byte for byte.
# Jib builds one platform per tar here (each platform has a base file system of its own), hence this step.
# Written from its inputs alone (sorted entries, fixed times and owners), so equal inputs give an equal tar.
set -euo pipefail
out="$1" name="$2"
shift 2
work="$out.d"
rm -rf "$work"
mkdir -p "$work/layout/blobs/sha256"
blobs="$work/layout/blobs/sha256"

# A descriptor of a file put into the blobs: media type, digest, size.
blob() {
  local digest size
  digest="$(sha256sum "$2" | cut -d' ' -f1)"
  size="$(stat -c %s "$2")"
  cp "$2" "$blobs/$digest"
  printf '{"mediaType":"%s","digest":"sha256:%s","size":%s}' "$1" "$digest" "$size"
}

platforms=""
for entry in "$@"; do
  [ -n "$entry" ] || continue  # a platform left out (-Dimage.arm64.skip)
  arch="${entry%%=*}" tar="${entry#*=}"
  dir="$work/$arch"
  mkdir -p "$dir"
  tar -xf "$tar" -C "$dir"
  grep -q '"architecture":"'"$arch"'"' "$dir/config.json" \
    || { echo "image: $tar is not a linux/$arch image" >&2; exit 1; }
  layers=""
  for layer in $(grep -o '"Layers":\[[^]]*\]' "$dir/manifest.json" | grep -o '[^"]*\.tar\.gz'); do
    layers="$layers${layers:+,}$(blob application/vnd.oci.image.layer.v1.tar+gzip "$dir/$layer")"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":%s,"layers":[%s]}' \
    "$(blob application/vnd.oci.image.config.v1+json "$dir/config.json")" "$layers" > "$dir/manifest.oci.json"
  manifest="$(blob application/vnd.oci.image.manifest.v1+json "$dir/manifest.oci.json")"
  platforms="$platforms${platforms:+,}${manifest%\}},\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$platforms" > "$work/index.platforms.json"
index="$(blob application/vnd.oci.image.index.v1+json "$work/index.platforms.json")"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' \
  "${index%\}},\"annotations\":{\"org.opencontainers.image.ref.name\":\"${name##*:}\",\"io.containerd.image.name\":\"docker.io/library/$name\"}}" \
  > "$work/layout/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$work/layout/oci-layout"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX --format=ustar -C "$work/layout" -cf "$out" .
rm -rf "$work"
