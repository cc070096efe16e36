# Sourced by the Windows toolchain scripts: Debian's source packages through a private apt
# configuration (deb-src copies of the configured deb entries, in a folder of its own), so the
# machine's apt setup is left alone. Needs log() and die() from the caller.
#
#   debian_source_init WORK   read Debian's source index into WORK/apt
#   fetch_source PKG VERSION  fetch and unpack PKG at VERSION, or the newest version of the same
#                             upstream series whose source is complete; prints "<version> <folder>"

debian_source_init() {
    source_work=$1
    local apt_dir=$source_work/apt f
    mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/archives/partial"
    : >"$apt_dir/sources.list"
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$apt_dir/sources.list"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed 's/^Types:.*/Types: deb-src/' "$f" >"$apt_dir/sources.list.d/$(basename "$f")"
    done
    apt_opts=(
        -o "Dir::Etc::SourceList=$apt_dir/sources.list"
        -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
        -o "Dir::State::Lists=$apt_dir/lists"
        -o "Dir::Cache::Archives=$apt_dir/archives"
        -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
        -o "APT::Sandbox::User=root"
    )
    log "reading Debian's source index"
    apt-get "${apt_opts[@]}" -qq update >&2
}

fetch_source() {
    local pkg=$1 want=$2 versions v dir
    versions=$(apt-cache "${apt_opts[@]}" showsrc "$pkg" | awk '/^Version:/ {print $2}' | sort -u)
    [ -n "$versions" ] || die "Debian's mirror lists no source for $pkg"
    # The installed version first, then the newest of the same upstream series (3.0.x, 6.4.x).
    local series=${want#*:}
    series=${series%.*}
    for v in "$want" $(printf '%s\n' $versions | sort -r -V); do
        case ${v#*:} in "$series".*) ;; *) continue ;; esac
        dir=$source_work/src-$pkg-$v
        mkdir -p "$dir"
        if (cd "$dir" && apt-get "${apt_opts[@]}" -qq source --download-only "$pkg=$v" >&2 2>"$dir/fetch.log"); then
            local dsc
            dsc=$(ls "$dir"/*.dsc)
            dpkg-source --no-check -x "$dsc" "$dir/tree" >/dev/null
            echo "$v $dir/tree"
            return 0
        fi
        log "$pkg $v: source incomplete on the mirror ($(tail -n 1 "$dir/fetch.log")); trying the next version"
        rm -rf "$dir"
    done
    die "no complete source of $pkg $series.x on Debian's mirror"
}

# The upstream part of a Debian version: 1:3.0.17-1~deb12u2 -> 3.0.17.
upstream() { local v=${1#*:}; echo "${v%%[-+]*}"; }
