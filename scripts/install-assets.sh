#!/usr/bin/env bash
# Install the dashboard's offline browser assets from the npm registry into
# src/sigact/dashboard/static/vendor/ (ignored by git).  Idempotent: does
# nothing when the pinned versions are already in place.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/src/sigact/dashboard/static/vendor"
BUILD="$ROOT/build/npm-assets"

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
SWAGGER_UI=5.35.0
STAMP="leaflet@$LEAFLET leaflet.markercluster@$MARKERCLUSTER world-atlas@$WORLD_ATLAS topojson-client@$TOPOJSON_CLIENT swagger-ui-dist@$SWAGGER_UI"

if [ -f "$VENDOR/VERSIONS" ] && [ "$(cat "$VENDOR/VERSIONS")" = "$STAMP" ]; then
  echo "dashboard assets up to date ($VENDOR)"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "install-assets: npm is needed (apt-get install npm)" >&2; exit 1; }

mkdir -p "$BUILD"
# shellcheck disable=SC2086
npm install --prefix "$BUILD" --no-audit --no-fund --no-save --silent $STAMP

NM="$BUILD/node_modules"
TMP="$(mktemp -d "$ROOT/build/vendor.XXXXXX")"
mkdir -p "$TMP/leaflet/images" "$TMP/markercluster" "$TMP/world-atlas" "$TMP/topojson-client" "$TMP/swagger-ui"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$TMP/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$TMP/leaflet/images/"
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$TMP/markercluster/"
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/countries-50m.json" "$TMP/world-atlas/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$TMP/topojson-client/"
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$NM/swagger-ui-dist/LICENSE" \
   "$TMP/swagger-ui/"
for lic in leaflet/LICENSE leaflet.markercluster/MIT-LICENCE.txt world-atlas/LICENSE topojson-client/LICENSE; do
  [ -f "$NM/$lic" ] && cp "$NM/$lic" "$TMP/$(dirname "$lic" | sed 's/leaflet.markercluster/markercluster/')/" || true
done
echo "$STAMP" > "$TMP/VERSIONS"

rm -rf "$VENDOR"
mkdir -p "$(dirname "$VENDOR")"
mv "$TMP" "$VENDOR"
echo "dashboard assets installed in $VENDOR"
