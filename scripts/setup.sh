#!/usr/bin/env bash
# Installs the system packages kiosk24 and its tests need, when they are missing.
# Debian/Ubuntu only (apt-get). Safe to run again: it installs nothing that is already there.
# Under CI=true a package that cannot be installed is a failure, never a silent skip.
set -euo pipefail
cd "$(dirname "$0")/.."

# better-sqlite3 (the journal) is a native module whose prebuilt binary would come from GitHub,
# and .npmrc's ignore-scripts means npm ci builds nothing: when it does not load, it is built
# from source below, which needs a compiler toolchain.
sqlite_loads() {
  node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1
}
need_sqlite_build=0
[ -d node_modules/better-sqlite3 ] && ! sqlite_loads && need_sqlite_build=1

# command -> Debian package that provides it
declare -A tools=(
  [socat]=socat
  [chromium]=chromium
  [xvfb-run]=xvfb
  [pdftotext]=poppler-utils
  [pdftoppm]=poppler-utils
  [pdffonts]=poppler-utils
  [zbarimg]=zbar-tools
  [cupsd]=cups
  [lp]=cups-client
  [lpstat]=cups-client
  [lpadmin]=cups-client
  [ippeveprinter]=cups-ipp-utils
  [udevadm]=udev
  [stress-ng]=stress-ng
  [openssl]=openssl
  [espeak-ng]=espeak-ng
  [aplay]=alsa-utils
)
# files -> Debian package that provides them
declare -A files=(
  [/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0]=libusb-1.0-0
  [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc]=fonts-wqy-microhei
  [/usr/lib/cups/backend/cups-pdf]=printer-driver-cups-pdf
)

if [ "$need_sqlite_build" -eq 1 ]; then
  tools[python3]=python3
  tools[make]=make
  tools[g++]=g++
fi

missing=()
for tool in "${!tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("${tools[$tool]}")
done
for file in "${!files[@]}"; do
  [ -e "$file" ] || missing+=("${files[$file]}")
done
# libusb lives under another multiarch folder on non-x86 machines
if [ "$(uname -m)" != "x86_64" ]; then
  ldconfig -p 2>/dev/null | grep -q 'libusb-1.0.so.0' && missing=("${missing[@]/libusb-1.0-0/}")
fi

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | grep -v '^$' | sort -u)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "kiosk24 setup: installing system packages: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "kiosk24 setup: apt-get is not available; install these packages by hand: ${missing[*]}" >&2
    exit 1
  fi
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$need_sqlite_build" -eq 1 ]; then
  bash scripts/build-sqlite.sh
fi
