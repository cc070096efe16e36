# Fails when any file under ROOT includes a Qt header. Run at build time by the core target
# (see core/CMakeLists.txt) and by the test "core.no_qt_guard".
#   cmake -DROOT=<dir> -DSTAMP=<file> -P CheckNoQtInCore.cmake
if(NOT ROOT)
    message(FATAL_ERROR "CheckNoQtInCore: ROOT is not set")
endif()
file(GLOB_RECURSE sources LIST_DIRECTORIES false
    "${ROOT}/*.h" "${ROOT}/*.hpp" "${ROOT}/*.cpp" "${ROOT}/*.cc" "${ROOT}/*.cxx" "${ROOT}/*.ipp")
set(offenders "")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]([Qq][A-Za-z0-9_]*/|Q[A-Za-z]+[>\"]|qt[0-9]*/)")
    if(lines)
        list(APPEND offenders "${source}: ${lines}")
    endif()
endforeach()
if(offenders)
    list(JOIN offenders "\n  " text)
    message(FATAL_ERROR "core/ must stay Qt-free, but these files include Qt headers:\n  ${text}\n"
        "Move the Qt-dependent code to ui/ or app/common/.")
endif()
if(STAMP)
    file(TOUCH "${STAMP}")
endif()
