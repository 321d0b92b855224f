#pragma once
// HDF5's error stack, kept quiet: HDF5 normally prints its whole stack (dozens of lines) on stderr for
// every failed call. Instead the failure's system reason (errno, or the MPI-IO error class) is kept for
// the caller's one-line message, and the stack is printed only when QTHERM_DEBUG_HDF5 is set.
#include <string>

namespace qtherm::parallel {

// Not collective: replaces HDF5's automatic error printing (once per process; Runtime calls it).
void install_hdf5_error_capture();
// Not collective: the reason of the latest HDF5 failure on this rank, e.g. "No space left on device
// (ENOSPC)", a generic text when the stack names no system reason, "" after no failure; forgets it.
std::string take_hdf5_failure();

}  // namespace qtherm::parallel
