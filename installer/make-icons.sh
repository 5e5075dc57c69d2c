#!/usr/bin/env bash
# Draws the FlashSplat icon with ImageMagick and writes every size the installers need:
#   icons/flashsplat-{48,128,256,512}.png (Linux, desktop entry), icons/flashsplat.ico (Windows),
#   icons/flashsplat.icns (macOS). The results are committed; rerun only to change the icon.
# Needs ImageMagick 6 or 7 (apt-get install -y imagemagick) and python3 (for the ICNS container).
set -euo pipefail
cd "$(dirname "$0")/icons"

IM=${IM:-}
if [ -z "$IM" ]; then
  if command -v magick >/dev/null; then IM=magick
  elif [ -x /usr/bin/convert ]; then IM=/usr/bin/convert   # the 'convert' on some PATHs is not ImageMagick
  else echo "make-icons: ImageMagick not found (apt-get install -y imagemagick)" >&2; exit 1; fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

S=1024  # master size; everything below is in master pixels
# 1. Rounded dark tile.
"$IM" -size ${S}x${S} xc:none -fill '#151b2e' -draw "roundrectangle 40,40 984,984 180,180" "$tmp/tile.png"
# 2. Gaussian splats: soft ellipses, grey "background" ones and three coloured "objects".
splat() { # name colour cx cy rx ry angle
  "$IM" -size ${S}x${S} xc:none -fill "$2" \
    -draw "translate $3,$4 rotate $7 ellipse 0,0 $5,$6 0,360" -blur 0x22 "$tmp/$1.png"
}
splat g1 '#5b6683' 300 330 150 90 -25
splat g2 '#4c5670' 720 290 170 80 20
splat g3 '#56617d' 260 740 120 150 10
splat g4 '#4a546e' 760 760 180 100 -35
splat c1 '#ff5f6dE6' 420 560 190 120 -30
splat c2 '#2ec4b6E6' 640 470 150 110 35
splat c3 '#ffb703E6' 560 720 150 80 -10
"$IM" "$tmp/tile.png" "$tmp"/g?.png "$tmp"/c?.png -background none -flatten "$tmp/splats.png"
# Keep the splats inside the tile.
"$IM" "$tmp/splats.png" \( "$tmp/tile.png" -alpha extract \) -compose CopyOpacity -composite "$tmp/inside.png"
# 3. The flash: a white bolt with a dark outline.
"$IM" -size ${S}x${S} xc:none -fill '#fff8e1' -stroke '#151b2e' -strokewidth 26 \
  -draw "polygon 575,150 330,560 495,560 430,880 720,430 545,430 640,150" "$tmp/bolt.png"
"$IM" "$tmp/inside.png" "$tmp/bolt.png" -background none -flatten "$tmp/master.png"

for n in 512 256 128 48; do
  "$IM" "$tmp/master.png" -filter Lanczos -resize ${n}x${n} -strip "PNG32:flashsplat-$n.png"
done
"$IM" "$tmp/master.png" -filter Lanczos -define icon:auto-resize=256,128,64,48,32,16 -strip flashsplat.ico

# ICNS: 'icns' + total length, then PNG entries (ic07 128, ic08 256, ic09 512), big-endian lengths.
python3 - <<'PY'
import struct
entries = [(b"ic07", "flashsplat-128.png"), (b"ic08", "flashsplat-256.png"), (b"ic09", "flashsplat-512.png")]
body = b"".join(t + struct.pack(">I", 8 + len(d)) + d
                for t, d in ((t, open(f, "rb").read()) for t, f in entries))
open("flashsplat.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -l flashsplat*
