# eascert_set_warnings(<target>): the project's warning set, errors when EASCERT_WARNINGS_AS_ERRORS is on.
function(eascert_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- $<$<BOOL:${EASCERT_WARNINGS_AS_ERRORS}>:/WX>)
    else()
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
            -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
            $<$<BOOL:${EASCERT_WARNINGS_AS_ERRORS}>:-Werror>)
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
            # GCC 12 at -O3 warns about memcpy overlaps inside libstdc++'s own std::string (GCC bug 105651).
            target_compile_options(${target} PRIVATE -Wno-restrict)
        endif()
    endif()
endfunction()
