# examples/run_example.cmake: runs examples/ten_lines on a fresh index of corpus/sample and checks
# what it prints (ctest: cmake -DCLI= -DEXAMPLE= -DSOURCE_DIR= -DWORK_DIR= -P run_example.cmake).
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${CLI} gazetteer build --out ${WORK_DIR}/gazetteer.bin ${SOURCE_DIR}/corpus/places.tsv
          ${SOURCE_DIR}/examples/places.tsv
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "newsq gazetteer build failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${EXAMPLE} ${WORK_DIR}/archive.db ${WORK_DIR}/gazetteer.bin ${SOURCE_DIR}/corpus/sample
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "ten_lines printed:\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ten_lines exited ${rc}")
endif()
# The article the example adds (2022-03-05, "Kyiv", source Wire) is a hit of the understood query,
# and the source facet counts it.
if(NOT out MATCHES "2022-03-05 Kyiv\n")
  message(FATAL_ERROR "ten_lines did not list its own article as a hit")
endif()
if(NOT out MATCHES "\nWire: [1-9]")
  message(FATAL_ERROR "ten_lines did not print the source facet with Wire")
endif()
