# Checks that every folder of common/ includes only the folders its row of common/layers.cmake
# names, that every row names only folders below it, and that no folder is missing from it.
#   cmake -DBODO_COMMON_DIR=<common> -P cmake/check_layers.cmake
# Also include()d by common/CMakeLists.txt at configure time (with BODO_COMMON_DIR set).
cmake_policy(SET CMP0057 NEW)  # IN_LIST, in script mode too
include(${BODO_COMMON_DIR}/layers.cmake)

set(_bodo_layer_errors "")
set(_bodo_below "")
foreach(_layer ${BODO_LAYERS})
  foreach(_dep ${BODO_LAYER_DEPS_${_layer}})
    if(NOT _dep IN_LIST _bodo_below)
      string(APPEND _bodo_layer_errors "  layers.cmake: ${_layer} may not use ${_dep}, which is not below it\n")
    endif()
  endforeach()
  list(APPEND _bodo_below ${_layer})

  file(GLOB _files ${BODO_COMMON_DIR}/${_layer}/*.h ${BODO_COMMON_DIR}/${_layer}/*.cpp)
  foreach(_file ${_files})
    file(STRINGS ${_file} _includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_]+/")
    foreach(_line ${_includes})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([a-z_]+)/.*$" "\\1" _folder "${_line}")
      if(NOT _folder STREQUAL _layer AND NOT _folder IN_LIST BODO_LAYER_DEPS_${_layer})
        file(RELATIVE_PATH _rel ${BODO_COMMON_DIR}/.. ${_file})
        string(REPLACE ";" " " _allowed "${BODO_LAYER_DEPS_${_layer}}")
        string(APPEND _bodo_layer_errors
               "  ${_rel}: ${_line} — ${_layer} may include only: ${_allowed}\n")
      endif()
    endforeach()
  endforeach()
endforeach()

file(GLOB _children LIST_DIRECTORIES true ${BODO_COMMON_DIR}/*)
foreach(_child ${_children})
  if(IS_DIRECTORY ${_child})
    get_filename_component(_name ${_child} NAME)
    if(NOT _name IN_LIST BODO_LAYERS)
      string(APPEND _bodo_layer_errors "  common/${_name}/ is in no row of common/layers.cmake\n")
    endif()
  endif()
endforeach()

if(_bodo_layer_errors)
  message(FATAL_ERROR "Includes against the layers of common/ (common/layers.cmake):\n${_bodo_layer_errors}")
endif()
