#!/bin/sh
# Installs the configured build into a temporary DESTDIR and checks that every
# file lands where GNOME looks for it, that the installed desktop file and
# metainfo validate, and that the installed carport-cli runs and speaks each
# language of po/LINGUAS.
#
#   check-install.sh BUILD_ROOT SOURCE_ROOT APP_ID PREFIX BINDIR DATADIR LOCALEDIR MANDIR HAVE_GUI
#
# Run by `meson test` (suite "data"); `meson install --no-rebuild` only copies
# what `meson test` has just built.
set -eu

build=$1 src=$2 app_id=$3 prefix=$4 bindir=$5 datadir=$6 localedir=$7 mandir=$8 have_gui=$9

tmp=$(mktemp -d "${TMPDIR:-/tmp}/carport-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Relative install dirs are relative to the prefix.
under_prefix() {
  case $1 in /*) printf '%s%s' "$tmp" "$1" ;; *) printf '%s%s/%s' "$tmp" "$prefix" "$1" ;; esac
}
bin=$(under_prefix "$bindir")
data=$(under_prefix "$datadir")
locale=$(under_prefix "$localedir")
man=$(under_prefix "$mandir")

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
expect_file() {
  if [ -f "$1" ]; then ok "${1#"$tmp"}"; else fail "${1#"$tmp"} was not installed"; fi
}

meson install -C "$build" --destdir "$tmp" --no-rebuild --quiet >"$tmp.log" 2>&1 || {
  cat "$tmp.log"; rm -f "$tmp.log"; echo "FAIL: meson install"; exit 1
}
rm -f "$tmp.log"

# Binaries
expect_file "$bin/carport-cli"
expect_file "$bin/carport-simulator"
[ "$have_gui" = true ] && expect_file "$bin/carport"

# Desktop integration, all named after the app id
desktop="$data/applications/$app_id.desktop"
metainfo="$data/metainfo/$app_id.metainfo.xml"
service="$data/dbus-1/services/$app_id.service"
expect_file "$desktop"
expect_file "$metainfo"
expect_file "$service"
expect_file "$data/glib-2.0/schemas/io.github.carport.Carport.gschema.xml"
expect_file "$data/icons/hicolor/scalable/apps/$app_id.svg"
expect_file "$data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect_file "$man/man1/carport-cli.1"
provider="$data/gnome-shell/search-providers/$app_id.search-provider.ini"
expect_file "$provider"
app_path="/$(echo "$app_id" | tr . /)"
grep -qx "DesktopId=$app_id.desktop" "$provider" && grep -qx "BusName=$app_id" "$provider" &&
  grep -qx "ObjectPath=$app_path/SearchProvider" "$provider" && grep -qx "Version=2" "$provider" ||
  fail "the search provider's file does not name $app_id, its desktop file and $app_path/SearchProvider"

# gnome.post_install() must skip the caches under DESTDIR (packagers run them).
for cache in "$data/glib-2.0/schemas/gschemas.compiled" "$data/icons/hicolor/icon-theme.cache" \
             "$data/applications/mimeinfo.cache"; do
  [ -e "$cache" ] && fail "${cache#"$tmp"} was made under DESTDIR"
done

# Translations
for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS"); do
  expect_file "$locale/$lang/LC_MESSAGES/carport.mo"
done

# Contents
if [ -f "$desktop" ]; then
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" && ok "desktop-file-validate" || fail "desktop-file-validate $app_id.desktop"
  fi
  grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's Icon is not $app_id"
  grep -qx "DBusActivatable=true" "$desktop" || fail "the desktop file is not DBusActivatable"
  grep -q "^Comment\[fr\]=" "$desktop" || fail "the desktop file has no French Comment (translations not merged)"
fi
if [ -f "$metainfo" ]; then
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$metainfo" >"$tmp/as.log" 2>&1 && ok "appstreamcli validate" \
      || { cat "$tmp/as.log"; fail "appstreamcli validate $app_id.metainfo.xml"; }
  fi
  grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo's id is not $app_id"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "the metainfo does not launch $app_id.desktop"
  grep -q '<summary xml:lang="fr">' "$metainfo" || fail "the metainfo has no French summary (translations not merged)"
fi
if [ -f "$service" ]; then
  grep -qx "Name=$app_id" "$service" || fail "the D-Bus service is not named $app_id"
  grep -qx "Exec=$prefix/$bindir/carport --gapplication-service" "$service" \
    || grep -qx "Exec=$bindir/carport --gapplication-service" "$service" \
    || fail "the D-Bus service does not run $prefix/$bindir/carport --gapplication-service"
fi
if command -v glib-compile-schemas >/dev/null; then
  glib-compile-schemas --strict --dry-run "$data/glib-2.0/schemas" && ok "installed schema compiles" \
    || fail "glib-compile-schemas --strict on the installed schema"
fi

# The installed carport-cli runs, in English and in each language.
if [ -x "$bin/carport-cli" ]; then
  version=$(env -u LANGUAGE LC_ALL=C.UTF-8 "$bin/carport-cli" --version) || true
  case $version in
    "carport-cli "[0-9]*) ok "carport-cli --version: $version" ;;
    *) fail "carport-cli --version printed \"$version\"" ;;
  esac
  english=$(env -u LANGUAGE LC_ALL=C.UTF-8 "$bin/carport-cli" --help 2>&1) || true
  summary="See and control your car from the command line."
  echo "$english" | grep -qF "$summary" || fail "carport-cli --help (English) lacks \"$summary\""
  for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS"); do
    out=$(CARPORT_LOCALEDIR="$locale" LANGUAGE=$lang LC_ALL=C.UTF-8 "$bin/carport-cli" --help 2>&1) || true
    if echo "$out" | grep -qF "$summary"; then
      fail "LANGUAGE=$lang carport-cli --help is not translated"
    else
      ok "LANGUAGE=$lang carport-cli --help: $(echo "$out" | sed -n 4p)"
    fi
  done
fi

if [ $failures -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "the install tree is complete"
