# The Windows cross build (MinGW on Debian) takes its header-only libraries from Debian's -dev
# packages: spdlog (with fmt, both used as headers), nlohmann-json, CLI11, kainjow Mustache and
# Catch2 v2. Their Linux headers are plain C++; only they are put on the include path (symbolic links
# in the build tree), never the rest of /usr/include, whose C library headers are Linux's.
#
# Defines the imported targets the Linux build gets from find_package: spdlog::spdlog,
# nlohmann_json::nlohmann_json, CLI11::CLI11, Catch2::Catch2, and EASCERT_MUSTACHE_INCLUDE_DIR.
set(_eascert_headers ${CMAKE_BINARY_DIR}/debian-headers)
file(MAKE_DIRECTORY ${_eascert_headers})

# eascert_debian_header(NAME PACKAGE): links /usr/include/NAME into the build tree.
function(eascert_debian_header name package)
    if(NOT EXISTS /usr/include/${name})
        message(FATAL_ERROR "/usr/include/${name} not found: apt-get install ${package} (scripts/setup.sh)")
    endif()
    if(NOT EXISTS ${_eascert_headers}/${name})
        file(CREATE_LINK /usr/include/${name} ${_eascert_headers}/${name} SYMBOLIC)
    endif()
endfunction()
eascert_debian_header(spdlog libspdlog-dev)
eascert_debian_header(fmt libfmt-dev)
eascert_debian_header(nlohmann nlohmann-json3-dev)
eascert_debian_header(CLI libcli11-dev)
eascert_debian_header(kainjow libkainjow-mustache-dev)
eascert_debian_header(catch2 catch2)

function(eascert_header_target name)
    add_library(${name} INTERFACE IMPORTED GLOBAL)
    target_include_directories(${name} SYSTEM INTERFACE ${_eascert_headers})
    target_compile_definitions(${name} INTERFACE ${ARGN})
endfunction()
# Debian's spdlog is configured for an external fmt (tweakme.h): both as headers here.
eascert_header_target(spdlog::spdlog SPDLOG_HEADER_ONLY FMT_HEADER_ONLY)
eascert_header_target(nlohmann_json::nlohmann_json)
eascert_header_target(CLI11::CLI11)
eascert_header_target(Catch2::Catch2)
set(EASCERT_MUSTACHE_INCLUDE_DIR ${_eascert_headers} CACHE PATH "kainjow Mustache include folder" FORCE)
