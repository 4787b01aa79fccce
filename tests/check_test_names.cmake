# Fails when a Catch2 test name holds a semicolon. catch_discover_tests hands each name to CTest
# as a list, so "a; b" becomes two tests that match no test case: both pass without running
# anything (Catch2 prints "No tests ran" and exits 0).
file(GLOB test_files "${TESTS}/*.cpp")
set(bad "")
foreach(f ${test_files})
  file(STRINGS "${f}" hits REGEX "TEST_CASE\\(\"[^\"]*;")
  foreach(h ${hits})
    string(APPEND bad "\n  ${f}: ${h}")
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "test names with a semicolon never run under CTest; use a comma:${bad}")
endif()
message(STATUS "test names ok: ${TESTS}")
