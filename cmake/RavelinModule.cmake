# Warnings and sanitizer flags for ravelin's own code (never for third-party code).
set(RAVELIN_WARNINGS -Wall -Wextra -Werror -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O2 reports false array-bounds/stringop/restrict errors inside libstdc++'s
  # vector::insert (GCC bugs 105651, 107138); they are not in our code.
  list(APPEND RAVELIN_WARNINGS -Wno-array-bounds -Wno-stringop-overflow -Wno-stringop-overread -Wno-restrict)
endif()

set(RAVELIN_SAN_FLAGS "")
if(RAVELIN_SANITIZE)
  set(RAVELIN_SAN_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
endif()
if(RAVELIN_FUZZ)
  # Everything is instrumented for coverage so the fuzz targets see into the libraries.
  list(APPEND RAVELIN_SAN_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
endif()

# ravelin_target_options(TARGET): apply project warnings, include root and sanitizers.
function(ravelin_target_options target)
  target_compile_options(${target} PRIVATE ${RAVELIN_WARNINGS} ${RAVELIN_SAN_FLAGS})
  target_link_options(${target} PRIVATE ${RAVELIN_SAN_FLAGS})
endfunction()

# ravelin_module(NAME SOURCES ... [DEPS ...]): one static library per module folder.
# Headers are included as "module/sub/file.hpp" from the repository root.
function(ravelin_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT M_SOURCES)
    # A module with headers only (or not written yet) is an interface library.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${M_DEPS})
    return()
  endif()
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${M_DEPS})
  ravelin_target_options(${name})
  if(RAVELIN_SANITIZE OR RAVELIN_FUZZ)
    target_link_options(${name} INTERFACE ${RAVELIN_SAN_FLAGS})
  endif()
endfunction()
