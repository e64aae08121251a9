# Relacy Race Detector backend: optional, found by path, never copied in. (Relacy issue)
if(NOT RACELAB_RELACY_DIR)
  message(STATUS "racelab: Relacy targets skipped (configure with -DRACELAB_RELACY_DIR=/path/to/relacy to build them)")
endif()
