#!/bin/sh
# Re-makes the shipped Inter subsets (assets/fonts/inter-latin-*.woff2) from the full Inter web fonts of the
# npm package inter-ui (pinned below): Latin (what fontsource's latin subset covers) plus the signs charts
# and slides use and Latin lacks: ≈ ≠ ≤ ≥ ← → ↑ ↓ (and − × ÷ ±, already Latin). Without them those signs
# fell back to another font. Needs fontTools (Debian: python3-fonttools python3-brotli; PYTHON picks the python).
# Usage: sh tools/subset-inter.sh   (downloads nothing else; writes the four files in place)
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent inter-ui@4.1.1 >/dev/null && tar xzf inter-ui-4.1.1.tgz)
latin='U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
signs='U+2190-2193,U+2248,U+2260,U+2264-2265,U+00D7,U+00F7,U+00B1'
for pair in Regular:400-normal Italic:400-italic SemiBold:600-normal ExtraBold:800-normal; do
  "${PYTHON:-/usr/bin/python3}" -m fontTools.subset "$tmp/package/web/Inter-${pair%%:*}.woff2" --unicodes="$latin,$signs" --flavor=woff2 \
    --layout-features+=tnum,pnum,frac,numr,dnom,case --output-file="assets/fonts/inter-latin-${pair#*:}.woff2"
done
ls -l assets/fonts/inter-latin-*.woff2
