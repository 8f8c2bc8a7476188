# The ctest "install" (tests/CMakeLists.txt): `cmake --install BUILD_DIR --prefix PREFIX` puts the
# three programs in PREFIX/BINDIR and nothing else, and each installed program runs.
#   cmake -D BUILD_DIR=build -D PREFIX=/tmp/p -D BINDIR=bin -P tests/install_check.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status}):\n${out}${err}")
endif()
message(STATUS "cmake --install ${BUILD_DIR} --prefix ${PREFIX}:\n${out}")

set(programs bodo-index bodo-search bodo-serve)
file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE "${PREFIX}" "${PREFIX}/*")
list(SORT installed)
set(expected "")
foreach(program ${programs})
  list(APPEND expected "${BINDIR}/${program}")
endforeach()
if(NOT installed STREQUAL expected)
  message(FATAL_ERROR "installed: '${installed}', expected exactly '${expected}'")
endif()

foreach(program ${programs})
  set(path "${PREFIX}/${BINDIR}/${program}")
  execute_process(COMMAND "${path}" --version RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT out MATCHES "^${program} [0-9]+\\.[0-9]+")
    message(FATAL_ERROR "${path} --version: exit ${status}, printed '${out}${err}'")
  endif()
  message(STATUS "${path} --version: ${out}")
endforeach()
